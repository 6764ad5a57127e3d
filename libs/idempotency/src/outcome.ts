import { isReason, REASONS } from '@ecommerce/errors';
import { RpcError, type FieldViolation } from '@ecommerce/grpc-kit';
import type { MessageCodec } from './idempotent-request.js';

/** A finished request's answer as stored with its key: the response, or the caller's mistake. */
export type Outcome =
  | { ok: string }
  | { error: { reason: string; message: string; violations: FieldViolation[]; metadata: Record<string, string> } };

/**
 * Failures whose outcome is stored and replayed: the caller's own mistakes (a 4xx answer: invalid
 * fields, not found, a stale If-Match, not enough stock). Transient failures (unavailable,
 * timeouts, internal errors) and the key's own conflicts are never stored, so a retry runs afresh.
 */
export function isStoredFailure(error: unknown): error is RpcError {
  if (!(error instanceof RpcError)) return false;
  if (error.reason === 'IDEMPOTENCY_KEY_IN_USE' || error.reason === 'IDEMPOTENCY_KEY_REUSED') return false;
  const status: number = REASONS[error.reason].http;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export function successOutcome<T>(codec: MessageCodec<T>, response: T): Outcome {
  return { ok: Buffer.from(codec.encode(response).finish()).toString('base64') };
}

export function failureOutcome(error: RpcError): Outcome {
  return { error: { reason: error.reason, message: error.message, violations: error.fieldViolations, metadata: error.metadata } };
}

/** The stored answer again: the response, or the stored failure thrown as it was first. */
export function replayOutcome<T>(codec: MessageCodec<T>, outcome: Outcome): T {
  if ('ok' in outcome) return codec.decode(Buffer.from(outcome.ok, 'base64'));
  const { reason, message, violations, metadata } = outcome.error;
  if (!isReason(reason) || !('code' in REASONS[reason])) throw new Error(`stored outcome has an unknown reason ${reason}`);
  throw new RpcError(reason as ConstructorParameters<typeof RpcError>[0], message, violations, metadata);
}
