import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Product } from './product-models.js';
import { ProductCache } from './product-cache.js';

const ID = '550e8400-e29b-41d4-a716-446655440000';
const version = (name: string): Product => ({
  id: ID, name, description: '', price: 1, currency: 'USD', etag: `"${name}"`, created_at: '', updated_at: '',
});

test('a product read once is served from memory, under any case of its id, until invalidated', async () => {
  const cache = new ProductCache({ ttlMs: 60_000, maxEntries: 10 });
  let fetches = 0;
  const fetch = async () => version(`v${++fetches}`);
  assert.equal((await cache.read(ID, fetch)).name, 'v1');
  assert.equal((await cache.read(ID.toUpperCase(), fetch)).name, 'v1');
  cache.invalidate(ID.toUpperCase());
  assert.equal((await cache.read(ID, fetch)).name, 'v2');
  assert.equal(fetches, 2);
});

test('a read already on its way when a write answers is returned but not kept', async () => {
  const cache = new ProductCache({ ttlMs: 60_000, maxEntries: 10 });
  let answer!: (product: Product) => void;
  const slow = cache.read(ID, () => new Promise<Product>((resolve) => (answer = resolve)));
  await cache.writing(ID, async () => 'written');
  answer(version('before the write'));
  assert.equal((await slow).name, 'before the write');
  assert.equal((await cache.read(ID, async () => version('after the write'))).name, 'after the write');
});

test('a write that fails still invalidates (it may have happened)', async () => {
  const cache = new ProductCache({ ttlMs: 60_000, maxEntries: 10 });
  await cache.read(ID, async () => version('old'));
  await assert.rejects(cache.writing(ID, async () => { throw new Error('deadline exceeded'); }));
  assert.equal((await cache.read(ID, async () => version('new'))).name, 'new');
});

test('entries expire after the TTL; a TTL of 0 switches the cache off', async () => {
  const short = new ProductCache({ ttlMs: 20, maxEntries: 10 });
  await short.read(ID, async () => version('old'));
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.equal((await short.read(ID, async () => version('new'))).name, 'new');
  const off = new ProductCache({ ttlMs: 0, maxEntries: 10 });
  assert.equal(off.enabled, false);
  await off.read(ID, async () => version('first'));
  assert.equal((await off.read(ID, async () => version('second'))).name, 'second');
});
