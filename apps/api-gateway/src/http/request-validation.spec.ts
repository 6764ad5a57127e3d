import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertInvalid } from '@ecommerce/testing';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { startStubProductService, type StubProductService } from '../../test/stub-upstreams.js';

// What the gateway refuses by itself, before any upstream call: the request schema (tsoa) and the
// money conversion at the edge. Each answer is a 400 naming every bad field as the client sent it,
// and the stub upstream must not have been called. Rules the services enforce are tested there.
const PRODUCT = '550e8400-e29b-41d4-a716-446655440000';

const invalidProducts: [string, unknown, string[]][] = [
  ['negative price', { name: 'x', price: -5 }, ['price']],
  ['zero price', { name: 'x', price: 0 }, ['price']],
  ['three decimals in USD', { name: 'x', price: 19.999 }, ['price']],
  ['decimals in JPY', { name: 'x', price: 1.5, currency: 'JPY' }, ['price']],
  ['price beyond the bound', { name: 'x', price: 1e13 }, ['price']],
  ['price as a string', { name: 'x', price: '19.99' }, ['price']],
  ['lower-case currency', { name: 'x', price: 1, currency: 'usd' }, ['currency']],
  ['unknown currency', { name: 'x', price: 1, currency: 'XYZ' }, ['currency']],
  ['missing name', { price: 1 }, ['name']],
  ['empty name', { name: '', price: 1 }, ['name']],
  ['name over 200 characters', { name: 'n'.repeat(201), price: 1 }, ['name']],
  ['description over 2000 characters', { name: 'x', description: 'd'.repeat(2001), price: 1 }, ['description']],
  ['negative stock', { name: 'x', price: 1, stock: -1 }, ['stock']],
  ['fractional stock', { name: 'x', price: 1, stock: 1.5 }, ['stock']],
  ['unknown field', { name: 'x', price: 1, colour: 'red' }, ['colour']],
  ['several problems at once', { price: 1, currency: 'usd', colour: 'red' }, ['name', 'currency', 'colour']],
  ['an empty name and a negative price together', { name: '', price: -5 }, ['name', 'price']],
  ['an empty name and three decimals in USD together (two stages, one 400)', { name: '', price: 19.999 }, ['name', 'price']],
  ['not an object', [1, 2], ['body']],
];

const invalidPatches: [string, unknown, string[]][] = [
  ['a price without its currency', { price: 10 }, ['currency']],
  ['a currency without a price', { currency: 'EUR' }, ['price']],
  ['a null name', { name: null }, ['name']],
  ['an empty name and four decimals in EUR together', { name: '', price: 1.2345, currency: 'EUR' }, ['name', 'price']],
  ['a negative stock', { stock: -3 }, ['stock']],
  ['an unknown field', { colour: 'red' }, ['colour']],
];

const invalidOrders: [string, unknown, string[]][] = [
  ['quantity 0', { quantity: 0 }, ['quantity']],
  ['quantity 10001', { quantity: 10001 }, ['quantity']],
  ['fractional quantity', { quantity: 1.5 }, ['quantity']],
  ['quantity as a string', { quantity: '2' }, ['quantity']],
  ['missing product_id', { product_id: undefined }, ['product_id']],
  ['unknown field', { coupon: 'FREE' }, ['coupon']],
];

describe('request validation at the gateway (nothing reaches the services)', () => {
  let stub: StubProductService;
  let gateway: TestGateway;

  before(async () => {
    stub = await startStubProductService();
    gateway = await startTestGateway({ productServiceAddr: stub.address, orderServiceAddr: stub.address });
  });
  after(async () => {
    assert.deepEqual(stub.calls, [], 'no invalid request reached a service');
    await gateway?.stop();
    await stub?.stop();
  });

  for (const [what, body, fields] of invalidProducts) {
    test(`POST /products: ${what} -> 400 naming ${fields.join(', ')}`, async () => {
      assertInvalid(await gateway.api.post('/products', body), fields);
    });
  }

  for (const [what, body, fields] of invalidPatches) {
    test(`PATCH /products/{id}: ${what} -> 400 naming ${fields.join(', ')}`, async () => {
      assertInvalid(await gateway.api.call('PATCH', `/products/${PRODUCT}`, { json: body }), fields);
    });
  }

  for (const [what, change, fields] of invalidOrders) {
    test(`POST /orders: ${what} -> 400 naming ${fields.join(', ')}`, async () => {
      assertInvalid(await gateway.api.post('/orders', { product_id: PRODUCT, quantity: 1, ...(change as object) }), fields);
    });
  }

  // Numbers and strings as JSON carries them, not as a double or a UTF-16 string rounds them.
  const lossy: [string, string, string, string[]][] = [
    ['a price with more digits than a double holds', '/products', '{"name":"x","price":19.999999999999999999}', ['price']],
    ['a stock a hair below 5', '/products', '{"name":"x","price":1,"stock":4.9999999999999999}', ['stock']],
    ['a quantity a hair below 10000', '/orders', `{"product_id":"${PRODUCT}","quantity":9999.9999999999999}`, ['quantity']],
    ['a price beyond a double', '/products', '{"name":"x","price":1e400}', ['price']],
    ['a lone high surrogate in the name', '/products', '{"name":"\\ud800","price":1}', ['name']],
    ['a lone low surrogate in the description', '/products', '{"name":"x","description":"a\\udc00b","price":1}', ['description']],
  ];
  for (const [what, path, raw, fields] of lossy) {
    test(`POST ${path}: ${what} -> 400 naming ${fields.join(', ')}, never rounded or replaced`, async () => {
      assertInvalid(await gateway.api.call('POST', path, { raw }), fields);
    });
  }

  test('a body that is not valid UTF-8 is 400, never stored with U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","price":1}')]);
    const response = await fetch(`${gateway.baseUrl}/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    assert.equal(response.status, 400);
    assert.equal((await response.json() as { reason: string }).reason, 'MALFORMED_JSON');
  });

  test('a JSON null body is a body that is not an object (400 on body), not malformed JSON', async () => {
    assertInvalid(await gateway.api.call('POST', '/products', { raw: 'null' }), ['body']);
    assertInvalid(await gateway.api.call('POST', '/orders', { raw: '"a string"' }), ['body']);
  });

  test('page_size must be an integer from 1 to 100, on both lists', async () => {
    for (const list of ['/products', '/orders']) {
      for (const size of ['0', '101', 'abc', '1.5', '-1']) assertInvalid(await gateway.api.get(`${list}?page_size=${size}`), ['page_size']);
    }
  });
});
