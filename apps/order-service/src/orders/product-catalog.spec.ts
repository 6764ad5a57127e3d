import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { RpcError, errorDetailsMetadata } from '@ecommerce/grpc-kit';
import { toCatalogError } from './product-catalog.js';

const ID = '0b6c3f0e-8a51-4c8e-9d7a-3f1e2d4c5b6a';

function upstream(code: status, details = 'upstream detail at 10.0.0.7:50051', reason = ''): ServiceError {
  const metadata = reason
    ? errorDetailsMetadata({ reason, domain: 'product-service', metadata: {}, fieldViolations: [] })
    : new Metadata();
  return Object.assign(new Error(details), { code, details, metadata });
}

test('an unknown product is NOT_FOUND naming the id', () => {
  const error = toCatalogError(upstream(status.NOT_FOUND, `product ${ID} not found`, 'PRODUCT_NOT_FOUND'), ID, 2000);
  assert.ok(error instanceof RpcError);
  assert.equal(error.code, status.NOT_FOUND);
  assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
  assert.match(error.message, new RegExp(ID));
  assert.deepEqual(error.metadata, { product_id: ID });
});

test('a slow product-service is DEADLINE_EXCEEDED, never NOT_FOUND', () => {
  const error = toCatalogError(upstream(status.DEADLINE_EXCEEDED), ID, 1500);
  assert.ok(error instanceof RpcError);
  assert.equal(error.code, status.DEADLINE_EXCEEDED);
  assert.equal(error.reason, 'PRODUCT_SERVICE_TIMEOUT');
  assert.match(error.message, /1500 ms/);
});

test('transient upstream failures are UNAVAILABLE and do not leak upstream details', () => {
  for (const code of [status.UNAVAILABLE, status.CANCELLED, status.RESOURCE_EXHAUSTED, status.ABORTED]) {
    const error = toCatalogError(upstream(code), ID, 2000);
    assert.ok(error instanceof RpcError, status[code]);
    assert.equal(error.code, status.UNAVAILABLE);
    assert.equal(error.reason, 'PRODUCT_SERVICE_UNAVAILABLE');
    assert.doesNotMatch(error.message, /10\.0\.0\.7/);
  }
});

test('other upstream failures become internal errors (plain Error -> INTERNAL "internal error")', () => {
  // A NOT_FOUND without product-service's PRODUCT_NOT_FOUND (a proxy, another service) blames no id.
  for (const code of [status.INTERNAL, status.UNKNOWN, status.UNIMPLEMENTED, status.INVALID_ARGUMENT, status.NOT_FOUND]) {
    const error = toCatalogError(upstream(code), ID, 2000);
    assert.ok(!(error instanceof RpcError), status[code]);
    assert.match(error.message, new RegExp(status[code]));
  }
  const bug = new TypeError('boom');
  assert.equal(toCatalogError(bug, ID, 2000), bug);
});
