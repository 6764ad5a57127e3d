import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { closedPort, problem, productBody, startStub, type Handler, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, InternalServerError, RateLimitError } from './errors.js';

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
  it('sends a fresh UUID X-Request-Id per call, JSON body, no Authorization without apiKey', async () => {
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
    assert.equal(first?.headers['idempotency-key'], undefined);
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

  it('POST without an idempotency key is not retried on 503, 429 or a dropped connection', async () => {
    const server = await serve(sequence(unavailable, { status: 429, body: problem(429, 'RATE_LIMITED'), headers: { 'retry-after': '0' } }, 'destroy'));
    const client = new EcommerceClient({ baseUrl: server.baseUrl });
    await assert.rejects(client.products.create(newProduct), InternalServerError);
    assert.equal(server.requests.length, 1);
    await assert.rejects(client.products.create(newProduct), RateLimitError);
    assert.equal(server.requests.length, 2);
    await assert.rejects(client.orders.create({ product_id: 'p1', quantity: 1 }), APIConnectionError);
    assert.equal(server.requests.length, 3);
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
  it('a timed-out GET is retried; a timed-out POST without key is not', async () => {
    const server = await serve(() => 'hang');
    const client = new EcommerceClient({ baseUrl: server.baseUrl, timeoutMs: 80, maxRetries: 1 });
    await assert.rejects(client.products.get('p1'), APIConnectionTimeoutError);
    assert.equal(server.requests.length, 2);
    await assert.rejects(client.products.create(newProduct), APIConnectionTimeoutError);
    assert.equal(server.requests.length, 3);
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
