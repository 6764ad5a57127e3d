import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertInvalid, assertProblem } from './assert-problem.js';
import { HEADPHONES, client } from './http-client.js';
import { startPlatform, type Platform } from './platform.js';

type Product = Record<string, unknown> & { id: string };
interface ProductList { products: Product[]; next_page_token: string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('products over REST (real product-service, order-service and gateway)', { timeout: 120_000 }, () => {
  let platform: Platform;
  let api: ReturnType<typeof client>;

  before(async () => {
    platform = await startPlatform();
    api = client(platform.baseUrl);
  });
  after(() => platform?.stop());

  test('POST /products creates the README product: 201, Location, defaults filled in', async () => {
    const created = await api.post<Product>('/products', HEADPHONES);
    assert.equal(created.status, 201);
    assert.match(created.body.id, UUID);
    assert.equal(created.headers.get('location'), `/products/${created.body.id}`);
    assert.deepEqual(
      { ...created.body, id: undefined, created_at: undefined, updated_at: undefined },
      { ...HEADPHONES, id: undefined, currency: 'USD', stock: null, created_at: undefined, updated_at: undefined },
    );
    assert.equal(new Date(created.body['created_at'] as string).toISOString(), created.body['created_at']);

    const fetched = await api.get<Product>(`/products/${created.body.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);
  });

  test('money keeps its currency: JPY whole numbers, KWD three decimals, stock tracked', async () => {
    const yen = await api.post<Product>('/products', { name: 'Tea', price: 500, currency: 'JPY', stock: 3 });
    assert.equal(yen.status, 201);
    assert.deepEqual([yen.body['price'], yen.body['currency'], yen.body['stock']], [500, 'JPY', 3]);
    const dinar = await api.post<Product>('/products', { name: 'Dates', price: 1.234, currency: 'KWD' });
    assert.deepEqual([dinar.body['price'], dinar.body['currency']], [1.234, 'KWD']);
  });

  test('GET /products pages through every product exactly once', async () => {
    for (let i = 0; i < 3; i += 1) await api.post('/products', { name: `Page item ${i}`, price: 1 + i / 100 });
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = token ? `?page_size=2&page_token=${token}` : '?page_size=2';
      const page = await api.get<ProductList>(`/products${query}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.products.length <= 2);
      seen.push(...page.body.products.map((p) => p.id));
      token = page.body.next_page_token;
      pages += 1;
    } while (token !== null);
    const all = await api.get<ProductList>('/products');
    assert.equal(all.body.next_page_token, null);
    assert.deepEqual(seen, all.body.products.map((p) => p.id));
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(pages >= 3);
  });

  test('GET /products/{id}: unknown id is 404 product-not-found naming the id; malformed id is 400', async () => {
    const id = '550e8400-e29b-41d4-a716-446655440000';
    const missing = await api.get(`/products/${id}`);
    assertProblem(missing, { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND', code: 'NOT_FOUND', instance: `/products/${id}` });
    assert.match(missing.body['detail'] as string, new RegExp(id));
    assertInvalid(await api.get('/products/not-a-uuid'), ['id']);
  });

  test('page_size must be an integer from 1 to 100; page_token must be one of ours', async () => {
    for (const size of ['0', '101', 'abc', '1.5', '-1']) {
      assertInvalid(await api.get(`/products?page_size=${size}`), ['page_size']);
    }
    assertInvalid(await api.get('/products?page_token=not-a-token'), ['page_token']);
    const ordersToken = Buffer.from(JSON.stringify({ v: 1, k: 'order', a: 1 })).toString('base64url');
    assertInvalid(await api.get(`/products?page_token=${ordersToken}`), ['page_token']);
    assert.equal((await api.get('/products?page_size=100')).status, 200);
  });

  const invalidBodies: [string, unknown, string[]][] = [
    ['negative price', { name: 'x', price: -5 }, ['price']],
    ['zero price', { name: 'x', price: 0 }, ['price']],
    ['three decimals in USD', { name: 'x', price: 19.999 }, ['price']],
    ['decimals in JPY', { name: 'x', price: 1.5, currency: 'JPY' }, ['price']],
    ['price beyond the bound', { name: 'x', price: 1e13 }, ['price']],
    ['price as a string', { name: 'x', price: '19.99' }, ['price']],
    ['lower-case currency', { name: 'x', price: 1, currency: 'usd' }, ['currency']],
    ['unknown currency', { name: 'x', price: 1, currency: 'XYZ' }, ['currency']],
    ['missing name', { price: 1 }, ['name']],
    ['blank name', { name: '   ', price: 1 }, ['name']],
    ['name over 200 characters', { name: 'n'.repeat(201), price: 1 }, ['name']],
    ['description over 2000 characters', { name: 'x', description: 'd'.repeat(2001), price: 1 }, ['description']],
    ['negative stock', { name: 'x', price: 1, stock: -1 }, ['stock']],
    ['fractional stock', { name: 'x', price: 1, stock: 1.5 }, ['stock']],
    ['unknown field', { name: 'x', price: 1, colour: 'red' }, ['colour']],
    ['several problems at once', { price: 1, currency: 'usd', colour: 'red' }, ['name', 'currency', 'colour']],
    ['an empty name and a negative price together', { name: '', price: -5 }, ['name', 'price']],
    ['not an object', [1, 2], ['body']],
  ];
  for (const [name, body, fields] of invalidBodies) {
    test(`POST /products rejects ${name} with 400 naming ${fields.join(', ')}`, async () => {
      assertInvalid(await api.post('/products', body), fields);
    });
  }
});
