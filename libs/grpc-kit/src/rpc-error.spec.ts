import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { REASONS } from '@ecommerce/errors';
import { RpcError, notFound, validationError } from './rpc-error.js';

test('an RpcError takes its gRPC code from the catalogue entry of its reason', () => {
  assert.equal(new RpcError('PRODUCT_SERVICE_TIMEOUT', 'slow').code, status.DEADLINE_EXCEEDED);
  assert.equal(notFound('ORDER_NOT_FOUND', 'order', 'x').code, status.NOT_FOUND);
  assert.equal(validationError([{ field: 'name', description: 'is required' }]).code, status[REASONS.VALIDATION_FAILED.code]);
});

test('only reasons of the catalogue compile, and only those a service can raise (with a gRPC code)', () => {
  // @ts-expect-error a misspelt reason is a compile error, not a new kind of problem
  assert.throws(() => new RpcError('PRODUCT_NOT_FUOND', 'typo'));
  // @ts-expect-error ROUTE_NOT_FOUND exists only at the HTTP edge: it has no gRPC code
  assert.throws(() => new RpcError('ROUTE_NOT_FOUND', 'no route'));
});
