import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodeFetch from 'node-fetch';
import { problem, productBody, startStub, type StubServer } from '../test/stub-server.js';
import { APIPromise } from './api-promise.js';
import { EcommerceClient } from './client.js';
import { APIError, NotFoundError } from './errors.js';
import { PagePromise } from './pagination.js';

describe('APIPromise: the raw response of every call', () => {
  let stub: StubServer;
  let client: EcommerceClient;
  before(async () => {
    stub = await startStub((request) => {
      if (request.url === '/products/missing') return { status: 404, body: problem(404, 'PRODUCT_NOT_FOUND') };
      if (request.url === '/products/html') return { status: 200, raw: '<html></html>', headers: { 'content-type': 'text/html' } };
      if (request.url.startsWith('/products?')) return { status: 200, body: { products: [productBody('p1')], next_page_token: null } };
      if (request.method === 'POST') {
        return { status: 201, body: productBody('p1'), headers: { location: '/products/p1', 'idempotent-replayed': 'true' } };
      }
      return { status: 200, body: productBody('p1'), headers: { etag: '"v1"' } };
    });
    client = new EcommerceClient({ baseUrl: stub.baseUrl, maxRetries: 0 });
  });
  after(() => stub.close());

  it('is still an ordinary promise of the parsed body', async () => {
    const pending = client.products.get('p1');
    assert.ok(pending instanceof APIPromise);
    assert.ok(pending instanceof Promise);
    assert.equal((await pending).id, 'p1');
    assert.equal(await pending.then((p) => p.name), 'Product p1');
    assert.equal(await Promise.resolve(client.products.get('p1')).then((p) => p.id), 'p1');
  });

  it('withResponse() resolves { data, response, request_id }; the request is sent once', async () => {
    const before = stub.requests.length;
    const pending = client.products.get('p1', { requestId: 'with-response-1' });
    const { data, response, request_id } = await pending.withResponse();
    const again = await pending;
    assert.equal(stub.requests.length - before, 1);
    assert.deepEqual(data, productBody('p1'));
    assert.deepEqual(again, data);
    assert.equal(request_id, 'with-response-1');
    assert.ok(response instanceof Response);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), '"v1"');
    assert.deepEqual(await response.json(), productBody('p1'));
  });

  it('a replayed create is visible in withResponse(): Idempotent-Replayed: true, 201, Location', async () => {
    const { data, response } = await client.products.create({ name: 'Mug', price: 1 }).withResponse();
    assert.equal(data.id, 'p1');
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('idempotent-replayed'), 'true');
    assert.equal(response.headers.get('location'), '/products/p1');
  });

  it('asResponse() resolves the raw Response, body unread, even when the body would not parse', async () => {
    const response = await client.products.get('html').asResponse();
    assert.ok(response instanceof Response);
    assert.equal(response.bodyUsed, false);
    assert.equal(await response.text(), '<html></html>');
    await assert.rejects(client.products.get('html'), APIError);
  });

  it('an error status rejects withResponse() and asResponse() with the error class', async () => {
    await assert.rejects(client.products.get('missing').asResponse(), NotFoundError);
    await assert.rejects(client.products.get('missing').withResponse(), NotFoundError);
  });

  it('list() is a PagePromise with withResponse() and asResponse() too', async () => {
    const pending = client.products.list({ page_size: 1 });
    assert.ok(pending instanceof PagePromise && pending instanceof APIPromise);
    const { data, response } = await pending.withResponse();
    assert.equal(data.products[0]?.id, 'p1');
    assert.equal(data.hasNextPage(), false);
    assert.equal(response.status, 200);
    assert.equal((await client.orders.list().asResponse()).status, 200);
  });

  it('with another fetch (node-fetch) the raw response is still a standard Response', async () => {
    const viaNodeFetch = new EcommerceClient({ baseUrl: stub.baseUrl, fetch: nodeFetch });
    const { response } = await viaNodeFetch.products.get('p1').withResponse();
    assert.ok(response instanceof Response);
    assert.equal(response.headers.get('etag'), '"v1"');
  });
});
