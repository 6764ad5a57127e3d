import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { RpcError } from '@ecommerce/grpc-kit';
import type { CreateProductRequest } from '@ecommerce/contracts';
import { validateCreateProduct } from './product-validation.js';

const valid: CreateProductRequest = {
  name: 'Wireless Headphones',
  description: 'Noise cancelling',
  price: { amountMinor: '19999', currency: 'USD' },
  stock: undefined,
  requestId: '',
};

function violationsOf(request: CreateProductRequest): string[] {
  try {
    validateCreateProduct(request);
  } catch (error) {
    assert.ok(error instanceof RpcError);
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    return error.fieldViolations.map((v) => v.field);
  }
  assert.fail('expected INVALID_ARGUMENT');
}

test('accepts a valid product and defaults the currency to USD', () => {
  assert.deepEqual(validateCreateProduct({ ...valid, price: { amountMinor: '19999', currency: '' } }), {
    name: 'Wireless Headphones', description: 'Noise cancelling', priceMinor: 19999, currency: 'USD', stock: null,
  });
  assert.equal(validateCreateProduct({ ...valid, stock: 0 }).stock, 0);
});

test('checks name length in both directions', () => {
  assert.deepEqual(violationsOf({ ...valid, name: '' }), ['name']);
  assert.deepEqual(violationsOf({ ...valid, name: '   ' }), ['name']);
  assert.deepEqual(violationsOf({ ...valid, name: 'x'.repeat(201) }), ['name']);
  assert.equal(validateCreateProduct({ ...valid, name: 'x'.repeat(200) }).name.length, 200);
});

test('limits the description to 2000 characters', () => {
  assert.deepEqual(violationsOf({ ...valid, description: 'd'.repeat(2001) }), ['description']);
});

test('requires a positive amount within the bound and a known currency', () => {
  assert.deepEqual(violationsOf({ ...valid, price: undefined }), ['price']);
  assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '0', currency: 'USD' } }), ['price.amount_minor']);
  assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '-5', currency: 'USD' } }), ['price.amount_minor']);
  assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '1000000000000000', currency: 'USD' } }), ['price.amount_minor']);
  assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '100', currency: 'usd' } }), ['price.currency']);
  assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '100', currency: 'XYZ' } }), ['price.currency']);
});

test('rejects negative stock and reports every bad field at once', () => {
  assert.deepEqual(violationsOf({ ...valid, stock: -1 }), ['stock']);
  assert.deepEqual(violationsOf({ name: '', description: '', price: { amountMinor: '0', currency: 'ABC' }, stock: -2, requestId: '' }),
    ['name', 'price.amount_minor', 'price.currency', 'stock']);
});
