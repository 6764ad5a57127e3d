// Default headers and query at client level, per-request headers and query, withOptions.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { problem, productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import { APIInvalidRequestError, InternalServerError } from './errors.js';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});
async function okServer(): Promise<StubServer> {
  stub = await startStub((request) => request.url.startsWith('/products?')
    ? { status: 200, body: { products: [productBody('p1')], next_page_token: request.url.includes('page_token') ? null : 'next' } }
    : { status: request.method === 'POST' ? 201 : 200, body: productBody('p1') });
  return stub;
}

describe('headers', () => {
  it('defaultHeaders go with every call; per-request headers add to and override them (any case)', async () => {
    const server = await okServer();
    const client = new EcommerceClient({ baseUrl: server.baseUrl, defaultHeaders: { 'X-Tenant': 't1', 'X-App': 'shop' } });
    await client.products.get('p1');
    await client.products.create({ name: 'Mug', price: 1 }, { headers: { 'x-tenant': 't2', 'X-Trace': 'abc' } });
    const [get, post] = server.requests;
    assert.deepEqual([get?.headers['x-tenant'], get?.headers['x-app'], get?.headers['x-trace']], ['t1', 'shop', undefined]);
    assert.deepEqual([post?.headers['x-tenant'], post?.headers['x-app'], post?.headers['x-trace']], ['t2', 'shop', 'abc']);
  });

  it('an Idempotency-Key or X-Request-Id given as a header is the one used on every attempt', async () => {
    stub = await startStub((_request, index) => index === 0 ? { status: 503, body: problem(503, 'UNAVAILABLE'), headers: { 'retry-after': '0' } } : { status: 201, body: productBody('p1') });
    const client = new EcommerceClient({ baseUrl: stub.baseUrl });
    await client.products.create({ name: 'Mug', price: 1 }, { headers: { 'Idempotency-Key': 'k-1', 'X-Request-Id': 'r-1' } });
    assert.deepEqual(stub.requests.map((r) => [r.headers['idempotency-key'], r.headers['x-request-id']]), [['k-1', 'r-1'], ['k-1', 'r-1']]);
  });

  it('invalid header names or values: TypeError at construction, APIInvalidRequestError per call', async () => {
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', defaultHeaders: { 'X-Bad': 'caf\u2615' } }), /defaultHeaders/);
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', defaultHeaders: { 'Bad Name': 'v' } }), TypeError);
    const server = await okServer();
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    await assert.rejects(client.products.get('p1', { headers: { 'X-Bad': 'a\nb' } }), (e: unknown) => e instanceof APIInvalidRequestError && /headers/.test(e.message));
    assert.equal(server.requests.length, 0);
  });
});

describe('query', () => {
  it('defaultQuery and per-request query join the call\'s own query (which wins), on every page', async () => {
    const server = await okServer();
    const client = new EcommerceClient({ baseUrl: server.baseUrl, defaultQuery: { locale: 'fr' } });
    const ids: string[] = [];
    for await (const product of client.products.list({ page_size: 5 }, { query: { debug: 1, page_size: 99 } })) ids.push(product.id);
    assert.deepEqual(ids, ['p1', 'p1']);
    assert.deepEqual(server.requests.map((r) => r.url), [
      '/products?locale=fr&debug=1&page_size=5',
      '/products?locale=fr&debug=1&page_size=5&page_token=next',
    ]);
    await client.products.get('p1', { query: { expand: 'stock' } });
    assert.equal(server.requests.at(-1)?.url, '/products/p1?locale=fr&expand=stock');
  });
});

describe('withOptions', () => {
  it('returns a new client with merged options; the original is unchanged', async () => {
    stub = await startStub(() => ({ status: 503, body: problem(503, 'UNAVAILABLE'), headers: { 'retry-after': '0' } }));
    const base = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 1, defaultHeaders: { 'X-A': '1' } });
    const derived = base.withOptions({ maxRetries: 0, defaultHeaders: { 'X-B': '2' } });
    assert.ok(derived instanceof EcommerceClient && derived !== base);
    await assert.rejects(derived.products.get('p1'), InternalServerError);
    assert.equal(stub.requests.length, 1);
    assert.deepEqual([stub.requests[0]?.headers['x-a'], stub.requests[0]?.headers['x-b']], ['1', '2']);
    await assert.rejects(base.products.get('p1'), InternalServerError);
    assert.equal(stub.requests.length, 3);
    assert.equal(stub.requests[2]?.headers['x-b'], undefined);
  });

  it('checks the merged options like the constructor', () => {
    const base = new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000' });
    assert.throws(() => base.withOptions({ baseUrl: '127.0.0.1:9000' }), /baseUrl/);
    assert.throws(() => base.withOptions({ timeoutMs: 0 }), RangeError);
  });
});
