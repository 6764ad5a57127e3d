import assert from 'node:assert/strict';

/**
 * Awaits something that must fail and returns what it was rejected with. gRPC-specific forms
 * (decoded status, RpcError) are in `@ecommerce/grpc-kit/test`, so this harness depends on no
 * workspace project.
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.fail('expected a failure, but it succeeded');
}
