import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient } from './client.js';
import { APIInvalidRequestError } from './errors.js';
import { PagePromise } from './pagination.js';
import type { Product } from './types.js';

// Seven products served two per page by default: pages [p1,p2] [p3,p4] [p5,p6] [p7].
const ALL = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];

describe('paging', () => {
  let stub: StubServer;
  let client: EcommerceClient;
  before(async () => {
    stub = await startStub((request) => {
      const url = new URL(request.url, 'http://x');
      const size = Number(url.searchParams.get('page_size') ?? 2);
      const start = Number(url.searchParams.get('page_token')?.replace('after-', '') ?? 0);
      const ids = ALL.slice(start, start + size);
      const next = start + size < ALL.length ? `after-${start + size}` : null;
      const key = url.pathname === '/orders' ? 'orders' : 'products';
      return { status: 200, body: { [key]: ids.map((id) => productBody(id)), next_page_token: next } };
    });
    client = new EcommerceClient({ baseUrl: stub.baseUrl });
  });
  after(() => stub.close());

  it('a page exposes the body fields, hasNextPage and getNextPage', async () => {
    const first = await client.products.list({ page_size: 3 });
    assert.deepEqual(first.products.map((p) => p.id), ['p1', 'p2', 'p3']);
    assert.equal(first.next_page_token, 'after-3');
    assert.equal(first.hasNextPage(), true);
    const second = await first.getNextPage();
    assert.deepEqual(second.products.map((p) => p.id), ['p4', 'p5', 'p6']);
    const third = await second.getNextPage();
    assert.deepEqual(third.products.map((p) => p.id), ['p7']);
    assert.equal(third.next_page_token, null);
    assert.equal(third.hasNextPage(), false);
    await assert.rejects(third.getNextPage(), (e: unknown) => e instanceof APIInvalidRequestError && /No next page/.test(e.message));
    // The query (page_size) is kept; the token comes from the previous page.
    assert.match(stub.requests.at(-1)?.url ?? '', /page_size=3&page_token=after-6/);
    assert.deepEqual(JSON.parse(JSON.stringify(third)), { products: [productBody('p7')], next_page_token: null });
  });

  it('for await over list() yields every item across pages, fetching pages as needed', async () => {
    const before = stub.requests.length;
    const seen: Product[] = [];
    for await (const product of client.products.list({ page_size: 3 })) seen.push(product);
    assert.deepEqual(seen.map((p) => p.id), ALL);
    assert.equal(stub.requests.length - before, 3);
  });

  it('breaking out of the loop stops fetching', async () => {
    const before = stub.requests.length;
    for await (const order of client.orders.list()) {
      if (order.id === 'p3') break;
    }
    assert.equal(stub.requests.length - before, 2);
  });

  it('a page is itself iterable (from that page on), and iterPages walks pages', async () => {
    const second = await (await client.orders.list({ page_size: 2 })).getNextPage();
    const rest: string[] = [];
    for await (const order of second) rest.push(order.id);
    assert.deepEqual(rest, ['p3', 'p4', 'p5', 'p6', 'p7']);
    const sizes: number[] = [];
    for await (const page of (await client.orders.list({ page_size: 4 })).iterPages()) sizes.push(page.orders.length);
    assert.deepEqual(sizes, [4, 3]);
  });

  it('list() returns a PagePromise usable as a promise', async () => {
    const pending = client.products.list();
    assert.ok(pending instanceof PagePromise);
    assert.equal(Object.prototype.toString.call(pending), '[object PagePromise]');
    const ids = await pending.then((page) => page.products.map((p) => p.id));
    assert.deepEqual(ids, ['p1', 'p2']);
    let settled = false;
    await pending.finally(() => (settled = true));
    assert.equal(settled, true);
  });
});
