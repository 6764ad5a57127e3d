import { RpcError, REPLAYED_KEY, type CallContext } from '@ecommerce/grpc-kit';
import { asDate, isUniqueViolation, type SqlClient } from '@ecommerce/persistence';
import type { KeyState } from './idempotency-key.entity.js';
import type { IdempotentRequest, MessageCodec } from './idempotent-request.js';
import { replayOutcome, type Outcome } from './outcome.js';

/** A key as stored. */
export interface StoredKey {
  fingerprint: string;
  state: KeyState;
  resourceId: string | null;
  outcome: Outcome | null;
  lockedUntil: Date;
  expiresAt: Date;
}

/** The key is already stored (another request with it got there first): read it and answer from it. */
export class KeyTakenError extends Error {
  constructor(request: IdempotentRequest) {
    super(`idempotency key ${request.operation}/${request.key} is already stored`);
    this.name = 'KeyTakenError';
  }
}

interface KeyRow {
  fingerprint: string;
  state: KeyState;
  resource_id: string | null;
  outcome: string | null;
  locked_until: unknown;
  expires_at: unknown;
}

const WHERE_KEY = 'scope = ? and operation = ? and key = ?';
const keyParams = (request: IdempotentRequest) => [request.scope, request.operation, request.key];

/** The idempotency_key rows, through one client (the database, or a transaction's). */
export class KeyTable {
  constructor(private readonly db: SqlClient) {}

  /** The stored key, expired or not (see StoredKey.expiresAt). */
  async find(request: IdempotentRequest): Promise<StoredKey | undefined> {
    const row = await this.db.get<KeyRow>(
      `select fingerprint, state, resource_id, outcome, locked_until, expires_at from idempotency_key where ${WHERE_KEY}`,
      keyParams(request),
    );
    return row && {
      fingerprint: row.fingerprint,
      state: row.state,
      resourceId: row.resource_id,
      outcome: row.outcome === null ? null : JSON.parse(row.outcome) as Outcome,
      lockedUntil: asDate(row.locked_until),
      expiresAt: asDate(row.expires_at),
    };
  }

  /**
   * Stores the key: DONE with its outcome, or IN_PROGRESS (for a request that commits in several
   * steps) locked until `lockedUntil`. Throws KeyTakenError when the key is stored already; on
   * PostgreSQL the insert waits for a concurrent transaction holding the same key to finish first.
   */
  async insert(request: IdempotentRequest, row: { outcome?: Outcome; resourceId?: string; lockedUntil?: Date; expiresAt: Date }): Promise<void> {
    const now = new Date();
    try {
      await this.db.run(
        'insert into idempotency_key (scope, operation, key, fingerprint, state, resource_id, outcome, locked_until, created_at, expires_at) '
          + 'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          ...keyParams(request), request.fingerprint, row.outcome ? 'DONE' : 'IN_PROGRESS', row.resourceId ?? null,
          row.outcome ? JSON.stringify(row.outcome) : null, row.lockedUntil ?? now, now, row.expiresAt,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeyTakenError(request);
      throw error;
    }
  }

  /** IN_PROGRESS -> DONE with the outcome, kept until `expiresAt`. */
  async complete(request: IdempotentRequest, outcome: Outcome, expiresAt: Date): Promise<void> {
    await this.db.run(
      `update idempotency_key set state = 'DONE', outcome = ?, expires_at = ? where ${WHERE_KEY}`,
      [JSON.stringify(outcome), expiresAt, ...keyParams(request)],
    );
  }

  /**
   * Takes over an IN_PROGRESS key whose holder's time is up, until `until`: true when this call
   * got it (one conditional update, so two retries cannot both take it).
   */
  async lock(request: IdempotentRequest, until: Date, now = new Date()): Promise<boolean> {
    return (await this.db.run(
      `update idempotency_key set locked_until = ? where ${WHERE_KEY} and state = 'IN_PROGRESS' and locked_until <= ?`,
      [until, ...keyParams(request), now],
    )) > 0;
  }

  /** An IN_PROGRESS key free for a retry to take over now (its request failed in a way worth retrying). */
  async unlock(request: IdempotentRequest): Promise<void> {
    await this.db.run(`update idempotency_key set locked_until = ? where ${WHERE_KEY} and state = 'IN_PROGRESS'`, [new Date(), ...keyParams(request)]);
  }

  /** Forgets the key (a retry with it then runs afresh). */
  async remove(request: IdempotentRequest): Promise<void> {
    await this.db.run(`delete from idempotency_key where ${WHERE_KEY}`, keyParams(request));
  }

  /** Deletes the keys whose retention is over. @returns how many */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.db.run('delete from idempotency_key where expires_at <= ?', [now]);
  }
}

/**
 * The answer to a request whose key is stored: REUSED when the stored request differs, IN_USE
 * while the first one is still running, else its stored outcome, replayed (marked in the response
 * metadata so the REST edge can say `Idempotent-Replayed: true`).
 */
export function answerFromStored<T>(stored: StoredKey, request: IdempotentRequest, codec: MessageCodec<T>, context: Pick<CallContext, 'responseMetadata'>): T {
  if (stored.fingerprint !== request.fingerprint) {
    throw new RpcError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key "${request.key}" was used with a different request`, [], { idempotency_key: request.key });
  }
  if (stored.state !== 'DONE' || !stored.outcome) {
    throw new RpcError('IDEMPOTENCY_KEY_IN_USE', `a request with Idempotency-Key "${request.key}" is still in progress; retry shortly`, [], {
      idempotency_key: request.key,
    });
  }
  context.responseMetadata.set(REPLAYED_KEY, 'true');
  return replayOutcome(codec, stored.outcome);
}
