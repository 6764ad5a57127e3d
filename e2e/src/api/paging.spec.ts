import { expect, test } from '@playwright/test';
import type { FetchLike, Order, Product } from '@ecommerce/sdk';
import { platformClient, uniqueTag } from '../../support/sdk.js';

/** A fetch that counts the list requests the SDK makes, so a spec can prove it paged. */
function countingFetch(path: string): { fetch: FetchLike; count: () => number } {
  let requests = 0;
  return {
    fetch: (url, init) => {
      if (new URL(url).pathname === path) requests += 1;
      return globalThis.fetch(url, init);
    },
    count: () => requests,
  };
}

test('for await walks every product across pages, oldest first', async () => {
  const client = platformClient();
  const tag = uniqueTag();
  const created: Product[] = [];
  for (let i = 1; i <= 5; i++) {
    created.push(await client.products.create({ name: `Paging ${tag} #${i}`, description: '', price: i }));
  }
  const lists = countingFetch('/products');
  const paging = platformClient({ fetch: lists.fetch });

  const seen: Product[] = [];
  for await (const product of paging.products.list({ page_size: 2 })) seen.push(product);

  // Other specs add products at the same time: ours must all be there, in creation order.
  expect(seen.filter((p) => p.name.startsWith(`Paging ${tag} `))).toEqual(created);
  expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
  expect(lists.count()).toBeGreaterThanOrEqual(Math.ceil(seen.length / 2));
  expect(lists.count()).toBeGreaterThan(1);
});

test('a page knows its next page: hasNextPage, getNextPage, next_page_token null at the end', async () => {
  const client = platformClient();
  const tag = uniqueTag();
  await client.products.create({ name: `Page ${tag} a`, description: '', price: 1 });
  await client.products.create({ name: `Page ${tag} b`, description: '', price: 2 });

  const first = await client.products.list({ page_size: 1 });
  expect(first.products).toHaveLength(1);
  expect(first.hasNextPage()).toBe(true);
  expect(typeof first.next_page_token).toBe('string');
  const second = await first.getNextPage();
  expect(second.products).toHaveLength(1);
  expect(second.products[0]?.id).not.toBe(first.products[0]?.id);

  let last = await client.products.list({ page_size: 100 });
  while (last.hasNextPage()) last = await last.getNextPage();
  expect(last.next_page_token).toBeNull();
  await expect(last.getNextPage()).rejects.toThrow(/No next page/);
});

test('orders page the same way', async () => {
  const client = platformClient();
  const product = await client.products.create({ name: `Orders paging ${uniqueTag()}`, description: '', price: 2.5 });
  const created: Order[] = [];
  for (const quantity of [1, 2, 3]) created.push(await client.orders.create({ product_id: product.id, quantity }));
  const lists = countingFetch('/orders');
  const seen: Order[] = [];
  for await (const order of platformClient({ fetch: lists.fetch }).orders.list({ page_size: 1 })) seen.push(order);
  expect(seen.filter((o) => o.product_id === product.id)).toEqual(created);
  expect(created.map((o) => o.total_price)).toEqual([2.5, 5, 7.5]);
  expect(lists.count()).toBeGreaterThanOrEqual(3);
});
