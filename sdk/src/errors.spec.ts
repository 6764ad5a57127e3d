import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closedPort, problem, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import { Transport } from './transport.js';
import {
  APIConnectionError, APIConnectionTimeoutError, APIError, AuthenticationError, BadRequestError, ConflictError,
  InternalServerError, NotFoundError, PermissionDeniedError, PreconditionFailedError, RateLimitError,
  UnprocessableEntityError,
} from './errors.js';

const cases = [
  { status: 400, reason: 'VALIDATION_FAILED', code: 'INVALID_ARGUMENT', type: BadRequestError },
  { status: 401, reason: 'UNAUTHENTICATED', code: 'UNAUTHENTICATED', type: AuthenticationError },
  { status: 403, reason: 'PERMISSION_DENIED', code: 'PERMISSION_DENIED', type: PermissionDeniedError },
  { status: 404, reason: 'PRODUCT_NOT_FOUND', code: 'NOT_FOUND', type: NotFoundError },
  { status: 409, reason: 'INSUFFICIENT_STOCK', code: 'FAILED_PRECONDITION', type: ConflictError },
  { status: 412, reason: 'ETAG_MISMATCH', code: 'FAILED_PRECONDITION', type: PreconditionFailedError },
  { status: 422, reason: 'IDEMPOTENCY_KEY_REUSED', code: 'INVALID_ARGUMENT', type: UnprocessableEntityError },
  { status: 429, reason: 'RATE_LIMITED', code: 'RESOURCE_EXHAUSTED', type: RateLimitError },
  { status: 500, reason: 'INTERNAL', code: 'INTERNAL', type: InternalServerError },
  { status: 503, reason: 'UNAVAILABLE', code: 'UNAVAILABLE', type: InternalServerError },
  { status: 504, reason: 'DEADLINE_EXCEEDED', code: 'DEADLINE_EXCEEDED', type: InternalServerError },
] as const;

describe('HTTP errors map to classes', () => {
  let stub: StubServer;
  before(async () => {
    stub = await startStub((request) => {
      const url = new URL(request.url, 'http://x');
      const status = Number(url.pathname.split('/').pop());
      const found = cases.find((c) => c.status === status);
      if (found) {
        const errors = status === 400 ? [{ field: 'price', message: 'must be > 0' }] : undefined;
        return { status, body: problem(status, found.reason, { code: found.code, errors }) };
      }
      if (status === 502) return { status, body: 'bad gateway from a proxy' };
      return { status: 418, body: problem(418, 'TEAPOT') };
    });
  });
  after(() => stub.close());

  for (const c of cases) {
    it(`${c.status} -> ${c.type.name}`, async () => {
      const client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0 });
      const error = await client.products.get(String(c.status)).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof c.type, `got ${String(error)}`);
      assert.ok(error instanceof APIError);
      assert.equal(error.name, c.type.name);
      assert.equal(error.status, c.status);
      assert.equal(error.reason, c.reason);
      assert.equal(error.code, c.code);
      assert.equal(error.request_id, 'req-from-server');
      assert.equal(error.problem?.type, `https://ecommerce.example.com/problems/${c.reason.toLowerCase().replaceAll('_', '-')}`);
      assert.match(error.message, new RegExp(`^${c.status} `));
      assert.equal(error.headers?.get('content-type'), 'application/problem+json');
      if (c.status === 400) assert.deepEqual(error.problem?.errors, [{ field: 'price', message: 'must be > 0' }]);
    });
  }

  it('an unlisted status is a plain APIError', async () => {
    const client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0 });
    const error = await client.products.get('418').catch((e: unknown) => e);
    assert.ok(error instanceof APIError);
    assert.equal(error.constructor, APIError);
    assert.equal(error.status, 418);
  });

  it('a non-problem body keeps the status and takes request_id from the X-Request-Id header', async () => {
    const client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0 });
    const error = await client.products.get('502', { requestId: 'my-request' }).catch((e: unknown) => e);
    assert.ok(error instanceof InternalServerError);
    assert.equal(error.status, 502);
    assert.equal(error.problem, undefined);
    assert.equal(error.reason, undefined);
    assert.equal(error.request_id, 'my-request');
    assert.match(error.message, /bad gateway from a proxy/);
  });
});

it('a success response that is not JSON is an APIError with its status, not a connection error', async () => {
  const stub = await startStub(() => ({ status: 200, raw: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } }));
  try {
    const client = new EcommerceClient({ baseUrl: stub.baseUrl });
    const error = await client.products.get('x').catch((e: unknown) => e);
    assert.ok(error instanceof APIError && !(error instanceof APIConnectionError));
    assert.equal(error.status, 200);
    assert.match(error.message, /not JSON: <html>proxy login/);
    assert.ok(error.cause instanceof SyntaxError);
    assert.equal(stub.requests.length, 1);
  } finally {
    await stub.close();
  }
});

describe('no response: connection error classes', () => {
  it('connection refused -> APIConnectionError carrying the sent request id and the fetch cause', async () => {
    const client = new EcommerceClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
    const error = await client.products.get('x', { requestId: 'sent-id' }).catch((e: unknown) => e);
    assert.ok(error instanceof APIConnectionError);
    assert.ok(!(error instanceof APIConnectionTimeoutError));
    assert.equal(error.status, undefined);
    assert.equal(error.request_id, 'sent-id');
    assert.ok(error.cause instanceof TypeError);
  });

  it('connection dropped mid-request -> APIConnectionError', async () => {
    const stub = await startStub(() => 'destroy');
    try {
      const client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0 });
      const error = await client.products.get('x').catch((e: unknown) => e);
      assert.ok(error instanceof APIConnectionError);
    } finally {
      await stub.close();
    }
  });

  it('no answer within timeoutMs -> APIConnectionTimeoutError', async () => {
    const stub = await startStub(() => 'hang');
    try {
      const client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0, timeoutMs: 100 });
      const started = performance.now();
      const error = await client.products.get('x').catch((e: unknown) => e);
      assert.ok(error instanceof APIConnectionTimeoutError);
      assert.ok(error instanceof APIConnectionError);
      assert.match(error.message, /timed out after 100 ms/);
      assert.ok(performance.now() - started < 5000);
    } finally {
      await stub.close();
    }
  });
});

it('an empty success body is an APIError (it was typed as the resource), not retried; a 204 is undefined', async () => {
  const stub = await startStub((request) => request.method === 'DELETE' ? { status: 204 } : { status: 200, raw: '' });
  try {
    const client = new EcommerceClient({ baseUrl: stub.baseUrl });
    const error = await client.products.get('x').catch((e: unknown) => e);
    assert.ok(error instanceof APIError && !(error instanceof APIConnectionError), String(error));
    assert.equal(error.status, 200);
    assert.match(error.message, /empty body/);
    assert.equal(stub.requests.length, 1);
    const transport = new Transport({ baseUrl: stub.baseUrl, maxRetries: 0, timeoutMs: 1000 });
    assert.equal(await transport.delete<undefined>('/products/{id}', { path: { id: 'x' } }), undefined);
  } finally {
    await stub.close();
  }
});
