import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { RpcError } from '@ecommerce/grpc-kit';
import { validateCreateOrder } from './order-validation.js';

const PRODUCT_ID = '0b6c3f0e-8a51-4c8e-9d7a-3f1e2d4c5b6a';

function violations(request: { productId: string; quantity: number }): string[] {
  try {
    validateCreateOrder(request);
  } catch (error) {
    assert.ok(error instanceof RpcError);
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    return error.fieldViolations.map((v) => v.field);
  }
  return [];
}

test('accepts quantities from 1 to 10000 and lower-cases the product id', () => {
  assert.deepEqual(validateCreateOrder({ productId: PRODUCT_ID.toUpperCase(), quantity: 1 }), {
    productId: PRODUCT_ID,
    quantity: 1,
  });
  assert.equal(validateCreateOrder({ productId: PRODUCT_ID, quantity: 10_000 }).quantity, 10_000);
});

test('rejects quantities outside 1-10000', () => {
  for (const quantity of [0, -1, 10_001, 2_147_483_647, 1.5]) {
    assert.deepEqual(violations({ productId: PRODUCT_ID, quantity }), ['quantity'], String(quantity));
  }
});

test('rejects a malformed product id', () => {
  for (const productId of ['', 'not-a-uuid', `${PRODUCT_ID}0`]) {
    assert.deepEqual(violations({ productId, quantity: 1 }), ['product_id'], productId);
  }
});

test('lists every bad field at once', () => {
  assert.deepEqual(violations({ productId: 'nope', quantity: 0 }), ['product_id', 'quantity']);
});
