export { IdempotencyKeyEntity, type IdempotencyKey, type KeyState } from './idempotency-key.entity.js';
export { IdempotencyKeysMigration } from './idempotency-keys-migration.js';
export { IDEMPOTENCY_SCOPE_PATTERN, idempotencyScopeOf } from './idempotency-scope.js';
export { REQUEST_ID_PATTERN, idempotentRequest, type IdempotentRequest, type MessageCodec } from './idempotent-request.js';
export { IdempotencyKeys, commitIfWaiting, type IdempotencyOptions } from './idempotency-keys.js';
export { KeyTable, KeyTakenError, answerFromStored, type StoredKey } from './key-table.js';
export { failureOutcome, isStoredFailure, replayOutcome, successOutcome, type Outcome } from './outcome.js';
