import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORES, assertInvalid, assertProblem, createTempPostgresDatabase, startServices, type Services } from '@ecommerce/testing';
import { HEADPHONES, startGatewayOver, type TestGateway } from './gateway.js';

type Product = Record<string, unknown> & { id: string; etag: string };
type Order = Record<string, unknown> & { id: string };

// The catalog over REST in front of the real services (processes, gRPC), on each store: partial
// updates, deletes, optimistic concurrency with entity-tags, revalidation, and orders that keep
// their history.
for (const store of STORES) describe(`the catalog over REST (${store})`, { timeout: 120_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  let drop: (() => Promise<void>) | undefined;
  const create = async (body: Record<string, unknown> = HEADPHONES) => {
    const created = await gateway.api.post<Product>('/products', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created;
  };
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    gateway.api.call<Product>('PATCH', `/products/${id}`, { json: body, headers });

  before(async () => {
    let env: Record<string, string> = {};
    if (store === 'postgresql') {
      const database = await createTempPostgresDatabase();
      drop = database.drop;
      env = { PRODUCT_DATABASE_URL: database.url, ORDER_DATABASE_URL: database.url };
    }
    services = await startServices({ productEnv: env, orderEnv: env });
    gateway = await startGatewayOver(services);
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
    await drop?.();
  });

  test('reads, creates and updates carry a strong ETag equal to the body\'s etag', async () => {
    const created = await create();
    assert.equal(created.headers.get('etag'), '"1"');
    assert.equal(created.body.etag, '"1"');
    assert.equal('stock' in created.body, false, 'stock is its own resource, not part of the product');
    const fetched = await gateway.api.get<Product>(`/products/${created.body.id}`);
    assert.deepEqual([fetched.status, fetched.headers.get('etag'), fetched.headers.get('cache-control')], [200, '"1"', 'no-cache']);
  });

  test('PATCH is a partial update: absent members stay, the etag moves, price needs its currency', async () => {
    const { body: product } = await create({ ...HEADPHONES, stock: 5 });
    const renamed = await patch(product.id, { name: 'Headphones Pro' });
    assert.equal(renamed.status, 200);
    assert.deepEqual([renamed.body['name'], renamed.body['description'], renamed.body['price'], renamed.body.etag], ['Headphones Pro', HEADPHONES.description, 199.99, '"2"']);
    assert.equal(renamed.headers.get('etag'), '"2"');
    const repriced = await patch(product.id, { price: 249.5, currency: 'EUR', description: null });
    assert.deepEqual([repriced.body['price'], repriced.body['currency'], repriced.body['description']], [249.5, 'EUR', '']);
    assertInvalid(await patch(product.id, { price: 10 }), ['currency']);
    assertInvalid(await patch(product.id, { currency: 'USD' }), ['price']);
    assertInvalid(await patch(product.id, { price: 1.234, currency: 'USD', name: '' }), ['name', 'price']);
    assertInvalid(await patch(product.id, { colour: 'red' }), ['colour']);
    const unchanged = await gateway.api.get<Product>(`/products/${product.id}`);
    assert.deepEqual([unchanged.body['name'], unchanged.body['price'], unchanged.body.etag], ['Headphones Pro', 249.5, '"3"'], 'no bad patch changed anything');
    const emptied = await patch(product.id, {}, { 'content-type': 'application/merge-patch+json' });
    assert.deepEqual([emptied.status, emptied.body.etag], [200, '"3"'], 'an empty merge patch changes nothing');
  });

  test('of two editors who read the same version, the second gets 412 ETAG_MISMATCH and changes nothing', async () => {
    const { body: product } = await create();
    const first = await patch(product.id, { name: 'Editor A' }, { 'If-Match': product.etag });
    assert.equal(first.status, 200);
    const second = await patch(product.id, { name: 'Editor B' }, { 'If-Match': product.etag });
    assertProblem(second, { status: 412, type: 'etag-mismatch', reason: 'ETAG_MISMATCH', code: 'FAILED_PRECONDITION' });
    assert.match(String(second.body['detail']), /"2"/);
    assert.equal((await gateway.api.get<Product>(`/products/${product.id}`)).body['name'], 'Editor A');
    assert.equal((await patch(product.id, { name: 'Anyone' }, { 'If-Match': '*' })).status, 200, 'If-Match: * means any version');
    assert.equal((await patch(product.id, { name: 'From a list' }, { 'If-Match': '"1", "3"' })).status, 200, 'one of a list');
    assertInvalid(await patch(product.id, { name: 'x' }, { 'If-Match': 'not-an-etag' }), ['If-Match']);
  });

  test('concurrent PATCHes with the same If-Match: exactly one succeeds', async () => {
    const { body: product } = await create();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => patch(product.id, { name: `Racer ${i}` }, { 'If-Match': product.etag })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 412, 412, 412, 412, 412]);
  });

  test('If-None-Match revalidates: 304 with no body while current, the new product once changed', async () => {
    const { body: product } = await create();
    const revalidated = await gateway.api.get(`/products/${product.id}`, { headers: { 'If-None-Match': product.etag } });
    assert.deepEqual([revalidated.status, revalidated.body, revalidated.headers.get('etag')], [304, '', '"1"']);
    assert.equal((await gateway.api.get(`/products/${product.id}`, { headers: { 'If-None-Match': `W/${product.etag}` } })).status, 304);
    await patch(product.id, { name: 'Changed' });
    const fresh = await gateway.api.get<Product>(`/products/${product.id}`, { headers: { 'If-None-Match': product.etag } });
    assert.deepEqual([fresh.status, fresh.body['name'], fresh.headers.get('etag')], [200, 'Changed', '"2"']);
  });

  test('DELETE: 204; then 404 on read, absent from lists, 404 to order, 404 to delete again', async () => {
    const { body: product } = await create({ name: 'Doomed', price: 3 });
    assertProblem(await gateway.api.call('DELETE', `/products/${product.id}`, { headers: { 'If-Match': '"7"' } }),
      { status: 412, type: 'etag-mismatch', reason: 'ETAG_MISMATCH' });
    const deleted = await gateway.api.call('DELETE', `/products/${product.id}`, { headers: { 'If-Match': product.etag } });
    assert.deepEqual([deleted.status, deleted.body], [204, '']);
    assertProblem(await gateway.api.get(`/products/${product.id}`), { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND' });
    const all = await gateway.api.get<{ products: Product[] }>('/products?page_size=100');
    assert.equal(all.body.products.some((p) => p.id === product.id), false);
    assertProblem(await gateway.api.post('/orders', { product_id: product.id, quantity: 1 }), { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND' });
    assertProblem(await gateway.api.call('DELETE', `/products/${product.id}`), { status: 404, type: 'product-not-found' });
  });

  test('orders keep their unit price, total and currency after a price change and after a delete', async () => {
    const { body: product } = await create({ name: 'Lamp', price: 19.99 });
    const order = await gateway.api.post<Order>('/orders', { product_id: product.id, quantity: 3 });
    assert.equal(order.status, 201);
    const expected = { unit_price: 19.99, total_price: 59.97, currency: 'USD' };
    await patch(product.id, { price: 5, currency: 'JPY' });
    const afterChange = await gateway.api.get<Order>(`/orders/${order.body.id}`);
    assert.deepEqual([afterChange.body['unit_price'], afterChange.body['total_price'], afterChange.body['currency']], Object.values(expected));
    assert.equal((await gateway.api.call('DELETE', `/products/${product.id}`)).status, 204);
    assert.deepEqual((await gateway.api.get<Order>(`/orders/${order.body.id}`)).body, afterChange.body);
  });

  test('stock is its own resource: its own ETag, PUT with If-Match, and PATCH sets it without moving the product ETag', async () => {
    const { body: product } = await create({ ...HEADPHONES, stock: 5 });
    const stock = await gateway.api.get<Record<string, unknown>>(`/products/${product.id}/stock`);
    assert.deepEqual([stock.status, stock.body['stock'], stock.headers.get('etag')], [200, 5, '"stock-1"']);
    assert.equal((await gateway.api.get(`/products/${product.id}/stock`, { headers: { 'If-None-Match': '"stock-1"' } })).status, 304);
    const set = await gateway.api.call<Record<string, unknown>>('PUT', `/products/${product.id}/stock`, { json: { stock: 8 }, headers: { 'If-Match': '"stock-1"' } });
    assert.deepEqual([set.status, set.body['stock'], set.headers.get('etag')], [200, 8, '"stock-2"']);
    assertProblem(await gateway.api.call('PUT', `/products/${product.id}/stock`, { json: { stock: 9 }, headers: { 'If-Match': '"stock-1"' } }),
      { status: 412, type: 'etag-mismatch' });
    const patched = await patch(product.id, { stock: null });
    assert.deepEqual([patched.status, patched.headers.get('etag')], [200, '"1"']);
    assert.equal((await gateway.api.get<Record<string, unknown>>(`/products/${product.id}/stock`)).body['stock'], null);
  });
});
