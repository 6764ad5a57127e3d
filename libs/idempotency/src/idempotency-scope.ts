import type { Metadata } from '@grpc/grpc-js';
import { IDEMPOTENCY_SCOPE_KEY, RpcError } from '@ecommerce/grpc-kit';

/** What a scope may be: an API key id (the `scope` column holds 64 characters). */
export const IDEMPOTENCY_SCOPE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The call's idempotency scope, the API key id the gateway sent in IDEMPOTENCY_SCOPE_KEY: '' when
 * the gateway runs open (every caller then shares one scope), or when the metadata names none; REQUEST_METADATA_INVALID when it
 * names more than one, or one that is not 1 to 64 letters, digits, '.', '_' or '-'.
 */
export function idempotencyScopeOf(metadata: Metadata): string {
  const values = metadata.get(IDEMPOTENCY_SCOPE_KEY);
  if (values.length === 0) return '';
  const [scope] = values;
  if (values.length > 1 || typeof scope !== 'string' || !IDEMPOTENCY_SCOPE_PATTERN.test(scope)) {
    throw new RpcError('REQUEST_METADATA_INVALID', `${IDEMPOTENCY_SCOPE_KEY} must be one value of 1 to 64 letters, digits, '.', '_' or '-'`);
  }
  return scope;
}
