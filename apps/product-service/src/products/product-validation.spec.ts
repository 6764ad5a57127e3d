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

test('refuses control characters in the name, and in the description all but tab and line breaks', () => {
  for (const bad of ['nul\u0000byte', 'bell\u0007', 'escape\u001b[31m', 'delete\u007f', 'c1\u0085', 'tab\tin name', 'two\nlines']) {
    assert.deepEqual(violationsOf({ ...valid, name: bad }), ['name'], JSON.stringify(bad));
  }
  for (const bad of ['nul\u0000byte', 'bell\u0007', 'c1\u009b']) {
    assert.deepEqual(violationsOf({ ...valid, description: bad }), ['description'], JSON.stringify(bad));
  }
  assert.equal(validateCreateProduct({ ...valid, description: 'tab\tnew\nline\r\nünïcödé 🎧' }).description, 'tab\tnew\nline\r\nünïcödé 🎧');
  assert.equal(validateCreateProduct({ ...valid, name: 'Café ☕ «quoted» 🎧' }).name, 'Café ☕ «quoted» 🎧');
});

test('takes currencies and their minor units from ISO 4217: HUF and IDR have 2 decimals, IQD 3, CLF and UYW 4', () => {
  for (const currency of ['HUF', 'IDR', 'COP', 'PKR', 'LBP', 'IQD', 'CLF', 'UYW']) {
    assert.equal(validateCreateProduct({ ...valid, price: { amountMinor: '123456', currency } }).currency, currency);
  }
  // Precious metals and test codes have no minor unit (ISO 4217: N.A.): not a price's currency.
  for (const currency of ['XAU', 'XTS', 'XXX']) assert.deepEqual(violationsOf({ ...valid, price: { amountMinor: '1', currency } }), ['price.currency']);
});
