// The `fetch` option with the fetch implementations apps bring: undici 7's and node-fetch 3's.
// Both must type-check as the option (tsc -p sdk/tsconfig.json) and work against the stub server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodeFetch from 'node-fetch';
import { fetch as undiciFetch } from 'undici';
import { problem, productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient, type ClientOptions } from './client.js';
import { NotFoundError } from './errors.js';

const implementations: { name: string; fetch: NonNullable<ClientOptions['fetch']> }[] = [
  { name: 'undici 7', fetch: undiciFetch },
  { name: 'node-fetch 3', fetch: nodeFetch },
];

describe('the fetch option with other fetch implementations', () => {
  let stub: StubServer;
  before(async () => {
    stub = await startStub((request) => {
      if (request.url === '/products/missing') return { status: 404, body: problem(404, 'PRODUCT_NOT_FOUND') };
      if (request.method === 'POST') return { status: 201, body: productBody('p1', JSON.parse(request.body) as Record<string, unknown>) };
      return { status: 200, body: productBody('p1') };
    });
  });
  after(() => stub.close());

  for (const { name, fetch } of implementations) {
    it(`${name}: sends method, URL, headers and body, and reads the response`, async () => {
      const client = new EcommerceClient({ baseUrl: stub.baseUrl, fetch, apiKey: 'sk_test' });
      const before = stub.requests.length;
      const created = await client.products.create({ name: 'Mug', price: 9.5 }, { requestId: `${name}-create` });
      assert.equal(created.name, 'Mug');
      const fetched = await client.products.get('p1');
      assert.equal(fetched.id, 'p1');
      const [post, get] = stub.requests.slice(before);
      assert.equal(post?.method, 'POST');
      assert.equal(post?.url, '/products');
      assert.deepEqual(JSON.parse(post?.body ?? ''), { name: 'Mug', price: 9.5 });
      assert.equal(post?.headers['content-type'], 'application/json');
      assert.equal(post?.headers['x-request-id'], `${name}-create`);
      assert.equal(post?.headers['authorization'], 'Bearer sk_test');
      assert.equal(get?.method, 'GET');
      assert.equal(get?.url, '/products/p1');
    });

    it(`${name}: an error status is the SDK's error class, with the response headers`, async () => {
      const client = new EcommerceClient({ baseUrl: stub.baseUrl, fetch, maxRetries: 0 });
      const error = await client.products.get('missing').catch((e: unknown) => e);
      assert.ok(error instanceof NotFoundError, String(error));
      assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
      assert.equal(error.headers?.get('content-type'), 'application/problem+json');
    });
  }
});
