import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import { APIError, APIInvalidRequestError } from './errors.js';
import { path } from './path.js';

describe('path parameters', () => {
  let stub: StubServer;
  let client: EcommerceClient;
  before(async () => {
    // Answers everything with 200, as the gateway does for /orders/ (the list) or /products/.. (its root).
    stub = await startStub(() => ({ status: 200, body: productBody('p1') }));
    client = new EcommerceClient({ baseUrl: stub.baseUrl });
  });
  after(() => stub.close());

  for (const id of ['', '.', '..']) {
    for (const call of ['products.get', 'orders.get'] as const) {
      it(`${call}(${JSON.stringify(id)}) throws APIInvalidRequestError and sends nothing`, async () => {
        const before = stub.requests.length;
        const pending = call === 'products.get' ? client.products.get(id) : client.orders.get(id);
        const error = await pending.then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof APIInvalidRequestError, `got ${String(error)}`);
        assert.ok(error instanceof APIError);
        assert.equal(error.name, 'APIInvalidRequestError');
        assert.equal(error.status, undefined);
        assert.match(error.message, /\bid\b/);
        assert.match(error.message, new RegExp(`got ${JSON.stringify(id).replaceAll('.', '\\.')}`));
        assert.equal(stub.requests.length, before);
      });
    }
  }

  it('an id that is not a string (from JavaScript) is refused too', async () => {
    const before = stub.requests.length;
    await assert.rejects(client.products.get(undefined as unknown as string), APIInvalidRequestError);
    await assert.rejects(client.orders.get(42 as unknown as string), APIInvalidRequestError);
    assert.equal(stub.requests.length, before);
  });

  it('an id is encoded into exactly one segment', async () => {
    await client.products.get('a/b?c#d');
    assert.equal(stub.requests.at(-1)?.url, '/products/a%2Fb%3Fc%23d');
    await client.orders.get('...');
    assert.equal(stub.requests.at(-1)?.url, '/orders/...');
  });
});

describe('path(template, params)', () => {
  it('fills each {name} with its parameter, encoded with encodeURIComponent', () => {
    assert.equal(path('/products/{id}', { id: 'a b/../c' }), '/products/a%20b%2F..%2Fc');
    assert.equal(path('/orders/{id}/cancel', { id: 'o1' }), '/orders/o1/cancel');
  });
  it('refuses an empty, "." or ".." parameter, naming it and the path', () => {
    assert.throws(() => path('/orders/{id}/cancel', { id: '' }), (e: unknown) =>
      e instanceof APIInvalidRequestError && /\bid\b/.test(e.message) && e.message.includes('/orders/{id}/cancel'));
    assert.throws(() => path('/products/{id}', { id: '..' }), APIInvalidRequestError);
    assert.throws(() => path('/products/{id}', { id: '.' }), APIInvalidRequestError);
  });
  it('a parameter the template names must be given (compile-time and run-time)', () => {
    // @ts-expect-error -- the template names {id}
    assert.throws(() => path('/products/{id}', {}), APIInvalidRequestError);
  });
});
