import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { closedPort, problem, productBody, startStub, type Handler, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import {
  APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, ConflictError, InternalServerError, RateLimitError,
} from './errors.js';
import { Transport } from './transport.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const created = { status: 201, body: productBody('p1') };
const unavailable = { status: 503, body: problem(503, 'UNAVAILABLE') };
const newProduct = { name: 'Mug', description: 'A mug', price: 9.5 };

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});
async function serve(handler: Handler): Promise<StubServer> {
  stub = await startStub(handler);
  return stub;
}
/** Replies in order, repeating the last reply. */
function sequence(...replies: ReturnType<Handler>[]): Handler {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] ?? 'hang';
}
const gaps = (server: StubServer) => server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at ?? 0));

describe('request headers', () => {
  it('sends a fresh UUID X-Request-Id and Idempotency-Key per create call, JSON body, no Authorization without apiKey', async () => {
    const server = await serve(sequence(created));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const product = await client.products.create(newProduct);
    await client.products.create(newProduct);
    assert.equal(product.id, 'p1');
    const [first, second] = server.requests;
    assert.equal(first?.method, 'POST');
    assert.equal(first?.url, '/products');
    assert.deepEqual(JSON.parse(first?.body ?? ''), newProduct);
    assert.equal(first?.headers['content-type'], 'application/json');
    assert.match(String(first?.headers['x-request-id']), UUID);
    assert.notEqual(first?.headers['x-request-id'], second?.headers['x-request-id']);
    assert.equal(first?.headers['authorization'], undefined);
    assert.match(String(first?.headers['idempotency-key']), UUID);
    assert.notEqual(first?.headers['idempotency-key'], second?.headers['idempotency-key']);
    assert.notEqual(first?.headers['idempotency-key'], first?.headers['x-request-id']);
  });

  it('a GET carries no Idempotency-Key', async () => {
    const server = await serve(() => ({ status: 200, body: productBody('p1') }));
    await new EcommerceClient({ baseUrl: server.baseUrl }).products.get('p1');
    assert.equal(server.requests[0]?.headers['idempotency-key'], undefined);
  });

  it('sends the caller request id and Authorization: Bearer <apiKey>', async () => {
    const server = await serve(() => ({ status: 200, body: productBody('a b') }));
    const client = new EcommerceClient({ baseUrl: `${server.baseUrl}/`, apiKey: 'sk_test_1' });
    await client.products.get('a b/../c', { requestId: 'caller-id' });
    const [request] = server.requests;
    assert.equal(request?.url, '/products/a%20b%2F..%2Fc');
    assert.equal(request?.headers['x-request-id'], 'caller-id');
    assert.equal(request?.headers['authorization'], 'Bearer sk_test_1');
  });

  it('serialises list queries', async () => {
    const server = await serve(() => ({ status: 200, body: { orders: [], next_page_token: null } }));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const page = await client.orders.list({ page_size: 5, page_token: 'abc' });
    assert.deepEqual(page.orders, []);
    assert.equal(server.requests[0]?.url, '/orders?page_size=5&page_token=abc');
  });
});

describe('retries', () => {
  it('GET retries 503 with exponential backoff (0.5 s then 1 s, minus jitter) and keeps the request id', async () => {
    const server = await serve(sequence(unavailable, unavailable, { status: 200, body: productBody('p1') }));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const product = await client.products.get('p1');
    assert.equal(product.id, 'p1');
    assert.equal(server.requests.length, 3);
    const [first = 0, second = 0] = gaps(server);
    assert.ok(first >= 370 && first < 2000, `first backoff ${first}`);
    assert.ok(second >= 740 && second < 3000, `second backoff ${second}`);
    assert.equal(new Set(server.requests.map((r) => r.headers['x-request-id'])).size, 1);
  });

  it('honours Retry-After on 429', async () => {
    const server = await serve(sequence(
      { status: 429, body: problem(429, 'RATE_LIMITED'), headers: { 'retry-after': '1' } },
      { status: 200, body: { products: [], next_page_token: null } },
    ));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    await client.products.list();
    assert.equal(server.requests.length, 2);
    const [waited = 0] = gaps(server);
    assert.ok(waited >= 990, `waited ${waited} ms`);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const server = await serve(sequence({ status: 429, body: problem(429, 'RATE_LIMITED'), headers: { 'retry-after': '0' } }));
    const client = new EcommerceClient({ baseUrl: server.baseUrl, maxRetries: 3 });
    await assert.rejects(client.orders.get('o1'), RateLimitError);
    assert.equal(server.requests.length, 4);
    await assert.rejects(client.orders.get('o1', { maxRetries: 0 }), RateLimitError);
    assert.equal(server.requests.length, 5);
  });

  it('GET retries 408, 500, 502 and 504 too, keeping the request id', async () => {
    const replies = [408, 500, 502, 504].map((status) => ({ status, body: problem(status, 'X'), headers: { 'retry-after': '0' } }));
    const server = await serve(sequence(...replies, { status: 200, body: productBody('p1') }));
    const client = new EcommerceClient({ baseUrl: server.baseUrl, maxRetries: 4 });
    assert.equal((await client.products.get('p1')).id, 'p1');
    assert.equal(server.requests.length, 5);
    assert.equal(new Set(server.requests.map((r) => r.headers['x-request-id'])).size, 1);
  });

  it('x-should-retry from the server overrides the status: false stops a 503, true retries a 400', async () => {
    let again = 0;
    const server = await serve((request) => request.url === '/products/stop'
      ? { ...unavailable, headers: { 'x-should-retry': 'false' } }
      : request.url === '/products/again' && ++again === 1
        ? { status: 400, body: problem(400, 'VALIDATION_FAILED'), headers: { 'x-should-retry': 'true', 'retry-after': '0' } }
        : { status: 200, body: productBody('p1') });
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    await assert.rejects(client.products.get('stop'), InternalServerError);
    assert.equal(server.requests.length, 1);
    assert.equal((await client.products.get('again')).id, 'p1');
    assert.equal(server.requests.length, 3);
  });

  it('honours retry-after-ms', async () => {
    const server = await serve(sequence({ ...unavailable, headers: { 'retry-after-ms': '1200' } }, { status: 200, body: productBody('p1') }));
    await new EcommerceClient({ baseUrl: server.baseUrl }).products.get('p1');
    const [waited = 0] = gaps(server);
    assert.ok(waited >= 1190, `waited ${waited} ms (the backoff alone would be <= 500 ms)`);
  });

  it('a create without a caller key gets one generated key, the same on every retry (503, 429, dropped connection)', async () => {
    const server = await serve(sequence(
      { ...unavailable, headers: { 'retry-after': '0' } },
      { status: 429, body: problem(429, 'RATE_LIMITED'), headers: { 'retry-after': '0' } },
      'destroy',
      created,
    ));
    const client = new EcommerceClient({ baseUrl: server.baseUrl, maxRetries: 3 });
    assert.equal((await client.products.create(newProduct)).id, 'p1');
    assert.equal(server.requests.length, 4);
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    assert.equal(keys.size, 1);
    assert.match(String([...keys][0]), UUID);
  });

  it('a keyed write retries 409 IDEMPOTENCY_KEY_IN_USE, but never another 409 (INSUFFICIENT_STOCK)', async () => {
    const inUse = { status: 409, body: problem(409, 'IDEMPOTENCY_KEY_IN_USE'), headers: { 'retry-after': '0' } };
    const server = await serve((request, index) => request.url === '/orders' && index === 0 ? inUse
      : request.url === '/orders' ? { status: 201, body: { id: 'o1' } }
        : { status: 409, body: problem(409, 'INSUFFICIENT_STOCK'), headers: { 'retry-after': '0' } });
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    assert.equal((await client.orders.create({ product_id: 'p1', quantity: 1 })).id, 'o1');
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0]?.headers['idempotency-key'], server.requests[1]?.headers['idempotency-key']);
    const error = await client.products.create(newProduct).catch((e: unknown) => e);
    assert.ok(error instanceof ConflictError && error.reason === 'INSUFFICIENT_STOCK', String(error));
    assert.equal(server.requests.length, 3);
  });

  it('PATCH (the coming update calls) is a keyed write: one generated key across its retries', async () => {
    const server = await serve(sequence({ ...unavailable, headers: { 'retry-after': '0' } }, { status: 200, body: productBody('p1') }));
    const transport = new Transport({ baseUrl: server.baseUrl, maxRetries: 1, timeoutMs: 1000 });
    const updated = await transport.patch<{ id: string }>('/products/{id}', { path: { id: 'p1' }, body: { stock: 3 } }, { headers: { 'If-Match': '"v1"' } });
    assert.equal(updated.id, 'p1');
    assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['if-match'], r.body]), Array(2).fill(['PATCH', '/products/p1', '"v1"', '{"stock":3}']));
    assert.match(String(server.requests[0]?.headers['idempotency-key']), UUID);
    assert.equal(server.requests[0]?.headers['idempotency-key'], server.requests[1]?.headers['idempotency-key']);
  });

  it('an unkeyed write (DELETE) is never retried once sent: not on 503, 429, a dropped connection or a timeout', async () => {
    const server = await serve(sequence(
      { ...unavailable, headers: { 'retry-after': '0' } },
      { status: 429, body: problem(429, 'RATE_LIMITED'), headers: { 'retry-after': '0' } },
      'destroy',
      'hang',
    ));
    const transport = new Transport({ baseUrl: server.baseUrl, maxRetries: 2, timeoutMs: 200 });
    const remove = () => transport.delete<undefined>('/products/{id}', { path: { id: 'p1' } });
    await assert.rejects(remove(), InternalServerError);
    await assert.rejects(remove(), RateLimitError);
    await assert.rejects(remove(), APIConnectionError);
    await assert.rejects(remove(), APIConnectionTimeoutError);
    assert.equal(server.requests.length, 4);
    assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['idempotency-key']]), Array(4).fill(['DELETE', '/products/p1', undefined]));
  });

  it('POST with an idempotency key is retried with the SAME key (and request id)', async () => {
    const server = await serve(sequence({ ...unavailable, headers: { 'retry-after': '0' } }, 'destroy', created));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const product = await client.products.create(newProduct, { idempotencyKey: 'key-123' });
    assert.equal(product.id, 'p1');
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((r) => r.headers['idempotency-key']), ['key-123', 'key-123', 'key-123']);
    assert.equal(new Set(server.requests.map((r) => r.headers['x-request-id'])).size, 1);
    assert.deepEqual(server.requests.map((r) => JSON.parse(r.body)), [newProduct, newProduct, newProduct]);
  });

  it('POST is retried when the connection was refused (the request never reached the server)', async () => {
    const port = await closedPort();
    const failures: unknown[] = [];
    const client = new EcommerceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: async (url, init) => {
        try {
          return await fetch(url, init);
        } catch (error) {
          failures.push(error);
          // The server comes up during the backoff (375-500 ms) that follows this refusal.
          stub = await startStub(sequence(created), port);
          throw error;
        }
      },
    });
    const product = await client.products.create(newProduct);
    assert.equal(product.id, 'p1');
    assert.equal(failures.length, 1);
    assert.equal(((failures[0] as Error).cause as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(stub?.requests.length, 1);
  });

  it('connection refused on every attempt ends in APIConnectionError after maxRetries', async () => {
    let calls = 0;
    const client = new EcommerceClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 1,
      fetch: (url, init) => (calls++, fetch(url, init)),
    });
    await assert.rejects(client.products.create(newProduct), APIConnectionError);
    assert.equal(calls, 2);
  });
});

describe('timeouts and aborts', () => {
  it('a timed-out GET is retried, and so is a create (it carries its idempotency key)', async () => {
    const server = await serve(() => 'hang');
    const client = new EcommerceClient({ baseUrl: server.baseUrl, timeoutMs: 80, maxRetries: 1 });
    await assert.rejects(client.products.get('p1'), APIConnectionTimeoutError);
    assert.equal(server.requests.length, 2);
    await assert.rejects(client.products.create(newProduct), APIConnectionTimeoutError);
    assert.equal(server.requests.length, 4);
    assert.equal(server.requests[2]?.headers['idempotency-key'], server.requests[3]?.headers['idempotency-key']);
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    const server = await serve(() => 'hang');
    const client = new EcommerceClient({ baseUrl: server.baseUrl, maxRetries: 0 });
    const started = performance.now();
    await assert.rejects(client.products.get('p1', { timeoutMs: 50 }), /timed out after 50 ms/);
    assert.ok(performance.now() - started < 3000);
  });

  it('the caller signal aborts an in-flight request without retrying', async () => {
    const server = await serve(() => 'hang');
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 50);
    const error = await client.products.get('p1', { signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(error instanceof APIUserAbortError);
    assert.equal((error.cause as Error).message, 'user navigated away');
    assert.equal(server.requests.length, 1);
  });

  it('the caller signal also cuts a backoff wait short', async () => {
    const server = await serve(sequence({ ...unavailable, headers: { 'retry-after': '30' } }));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await assert.rejects(client.products.list({}, { signal: controller.signal }), APIUserAbortError);
    assert.ok(performance.now() - started < 5000);
    assert.equal(server.requests.length, 1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const server = await serve(sequence(created));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    await assert.rejects(client.products.create(newProduct, { signal: AbortSignal.abort() }), APIUserAbortError);
    assert.equal(server.requests.length, 0);
  });
});
