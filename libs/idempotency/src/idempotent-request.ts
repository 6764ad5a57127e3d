import { createHash } from 'node:crypto';
import { validationError, type CallContext } from '@ecommerce/grpc-kit';
import { idempotencyScopeOf } from './idempotency-scope.js';

/** A ts-proto message's binary codec (every generated message has one). */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

/** One use of an idempotency key: which operation, whose key, and the request it came with. */
export interface IdempotentRequest {
  /** Whose key it is: the caller's API key id (x-idempotency-scope), '' when the gateway runs open. */
  scope: string;
  operation: string;
  key: string;
  /** sha256 (hex) of the operation and the request without its key. */
  fingerprint: string;
}

/** What a key may be (the REST edge's rule too): 1 to 255 printable ASCII characters. */
export const REQUEST_ID_PATTERN = /^[\x20-\x7e]{1,255}$/;

/**
 * The keyed form of a request, or undefined when it carries no key (empty `request_id`: no
 * deduplication). A key that is not 1-255 printable ASCII characters is VALIDATION_FAILED
 * (field request_id). Two requests have the same fingerprint when they are the same message once
 * their keys are removed: the same fields, whatever order a JSON body listed them in. Keys are
 * scoped to the caller named in the call's metadata (see idempotencyScopeOf), so two API keys
 * using the same Idempotency-Key never see each other's outcomes.
 */
export function idempotentRequest<R extends { requestId: string }>(
  operation: string,
  codec: MessageCodec<R>,
  request: R,
  context: Pick<CallContext, 'metadata'>,
): IdempotentRequest | undefined {
  const scope = idempotencyScopeOf(context.metadata);
  if (request.requestId === '') return undefined;
  if (!REQUEST_ID_PATTERN.test(request.requestId)) {
    throw validationError([{ field: 'request_id', description: 'must be 1 to 255 printable ASCII characters' }]);
  }
  const hash = createHash('sha256').update(operation).update('\0').update(codec.encode({ ...request, requestId: '' }).finish());
  return { scope, operation, key: request.requestId, fingerprint: hash.digest('hex') };
}
