import { IDEMPOTENCY_SCOPE_KEY, type UnaryCallOptions } from '@ecommerce/grpc-kit';
import type { RequestContext } from '../http/request-context.js';

/**
 * What every upstream call carries from the request it serves: the correlation id, the deadline,
 * and whose idempotency keys it uses (the authenticated API key's id, never its secret; none in
 * open mode), so that two keys sending the same Idempotency-Key never see each other's outcomes.
 */
export function upstreamCallOptions(context: RequestContext, timeoutMs: number): UnaryCallOptions {
  return { requestId: context.requestId, timeoutMs, trace: context.trace, metadata: { [IDEMPOTENCY_SCOPE_KEY]: context.caller?.id } };
}
