import type { IdempotencyKey } from './idempotency-models.js';
import type { RequestContext } from './request-context.js';

/** Response header marking a stored outcome answered again for an Idempotency-Key (IETF draft, Stripe). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The key as the services take it (AIP-155 request_id): '' for none. */
export function requestIdOf(key: IdempotencyKey | undefined): string {
  return key ?? '';
}

/** Marks the response as a replayed outcome when the service says it is one. */
export function markReplayed(context: RequestContext, replayed: boolean): void {
  if (replayed) context.setHeader(REPLAYED_HEADER, 'true');
}
