import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** IN_PROGRESS while the first request with the key runs; DONE once its outcome is stored. */
export type KeyState = 'IN_PROGRESS' | 'DONE';

/**
 * One idempotency key (AIP-155 request_id, the REST Idempotency-Key) of one operation: the
 * fingerprint of the request that used it and, once it finished, its outcome. Every service that
 * accepts keys has this table in its own schema (IdempotencyKeysMigration).
 */
export const IdempotencyKeyEntity = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    /** Whose key it is: '' until API keys scope them (one caller's key never answers another's). */
    scope: p.string().length(64).primary(),
    /** The RPC, e.g. "CreateOrder": keys are scoped per operation. */
    operation: p.string().length(64).primary(),
    key: p.string().length(255).primary(),
    /** sha256 (hex) of the request without its key. */
    fingerprint: p.string().length(64),
    state: p.string().length(16).$type<KeyState>(),
    /** The resource the request creates or changes (CreateOrder records its order id before reserving). */
    resourceId: p.string().length(64).nullable(),
    /** JSON: {"ok": base64 protobuf response} or {"error": {reason, message, violations, metadata}}. */
    outcome: p.text().nullable(),
    /** While IN_PROGRESS: until when the request holding the key may still finish (its caller's deadline). */
    lockedUntil: p.datetime(),
    createdAt: p.datetime(),
    /** Purged after this; a retry with the key then runs afresh (IDEMPOTENCY_KEY_TTL_MS). */
    expiresAt: p.datetime().index(),
  },
});

export type IdempotencyKey = InferEntity<typeof IdempotencyKeyEntity>;
