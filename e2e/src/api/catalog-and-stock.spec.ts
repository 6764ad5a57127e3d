import { expect, test } from '@playwright/test';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@ecommerce/sdk';
import { PROBLEM_BASE, failureOf, platformClient, uniqueTag } from '../../support/sdk.js';

// The catalog's edits and the stock, through the SDK as a client app uses them.
const client = platformClient({ maxRetries: 0 });

test('an editor updates with ifMatch; the second editor of the same version gets PreconditionFailedError', async () => {
  const product = await client.products.create({ name: `Lamp ${uniqueTag()}`, description: '', price: 20, stock: 4 });
  expect(product.etag).toBe('"1"');
  const first = await client.products.update(product.id, { name: 'Lamp, renamed' }, { ifMatch: product.etag });
  expect([first.name, first.etag]).toEqual(['Lamp, renamed', '"2"']);
  const stale = await failureOf(client.products.update(product.id, { price: 25, currency: 'USD' }, { ifMatch: product.etag }));
  expect(stale).toBeInstanceOf(PreconditionFailedError);
  expect((stale as PreconditionFailedError).reason).toBe('ETAG_MISMATCH');
  expect((stale as PreconditionFailedError).problem?.type).toBe(`${PROBLEM_BASE}etag-mismatch`);
  expect((await client.products.get(product.id)).price).toBe(20);
  expect((await client.products.getStock(product.id)).stock).toBe(4);
});

test('delete: the product is gone (NotFoundError), orders placed before keep their prices', async () => {
  const product = await client.products.create({ name: `Vase ${uniqueTag()}`, description: '', price: 12.5 });
  const order = await client.orders.create({ product_id: product.id, quantity: 2 });
  await client.products.delete(product.id, { ifMatch: product.etag });
  expect(await failureOf(client.products.get(product.id))).toBeInstanceOf(NotFoundError);
  const ordering = await failureOf(client.orders.create({ product_id: product.id, quantity: 1 }));
  expect((ordering as NotFoundError).reason).toBe('PRODUCT_NOT_FOUND');
  expect(await client.orders.get(order.id)).toEqual(order);
});

test('stock: orders reserve it, ConflictError (INSUFFICIENT_STOCK) beyond it, cancel gives it back', async () => {
  const product = await client.products.create({ name: `Kettle ${uniqueTag()}`, description: '', price: 30, stock: 3 });
  const order = await client.orders.create({ product_id: product.id, quantity: 2 });
  expect((await client.products.getStock(product.id)).stock).toBe(1);
  const refused = await failureOf(client.orders.create({ product_id: product.id, quantity: 2 }));
  expect(refused).toBeInstanceOf(ConflictError);
  expect((refused as ConflictError).reason).toBe('INSUFFICIENT_STOCK');
  expect((refused as ConflictError).problem?.detail).toContain('1 available');
  const cancelled = await client.orders.cancel(order.id);
  expect(cancelled.status).toBe('CANCELLED');
  expect((await client.products.getStock(product.id)).stock).toBe(3);
  const restocked = await client.products.setStock(product.id, { stock: 10 }, { ifMatch: (await client.products.getStock(product.id)).etag });
  expect(restocked.stock).toBe(10);
  const mine = await client.orders.list({ product_id: product.id, status: 'CANCELLED' });
  expect(mine.orders.map((o) => o.id)).toEqual([order.id]);
});
