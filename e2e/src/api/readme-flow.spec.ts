import { expect, test } from '@playwright/test';
import { NotFoundError, type Order, type Product } from '@ecommerce/sdk';
import { PROBLEM_BASE, UUID, failureOf, platformClient } from '../../support/sdk.js';

// The original PoC README's end-to-end flow and its error case, replayed through the SDK.
const client = platformClient();

test('create "Wireless Headphones", list it, order 2 of it for 399.98, list the order', async () => {
  const product = await client.products.create({
    name: 'Wireless Headphones',
    description: 'High-quality wireless headphones with noise cancellation',
    price: 199.99,
  });
  expect(product).toMatchObject({
    name: 'Wireless Headphones',
    description: 'High-quality wireless headphones with noise cancellation',
    price: 199.99,
    currency: 'USD',
  });
  expect(product.id).toMatch(UUID);
  expect(await client.products.get(product.id)).toEqual(product);

  const listed: Product[] = [];
  for await (const item of client.products.list()) listed.push(item);
  expect(listed).toContainEqual(product);

  const order = await client.orders.create({ product_id: product.id, quantity: 2 });
  expect(order).toMatchObject({
    product_id: product.id,
    quantity: 2,
    unit_price: 199.99,
    total_price: 399.98,
    currency: 'USD',
    status: 'CONFIRMED',
  });
  expect(order.id).toMatch(UUID);
  expect(await client.orders.get(order.id)).toEqual(order);

  const orders: Order[] = [];
  for await (const item of client.orders.list()) orders.push(item);
  expect(orders).toContainEqual(order);
});

test('an order for an unknown product fails with NotFoundError, reason PRODUCT_NOT_FOUND', async () => {
  // Not the demo catalog's headphones (550e8400-...-446655440000): a product that does not exist.
  const unknownId = '0b7e2d4c-7a0e-4c1e-9a53-0d9f4b1e2c3a';
  const error = await failureOf(client.orders.create({ product_id: unknownId, quantity: 1 }, { requestId: 'e2e-unknown-product' }));
  expect(error).toBeInstanceOf(NotFoundError);
  const notFound = error as NotFoundError;
  expect(notFound.status).toBe(404);
  expect(notFound.reason).toBe('PRODUCT_NOT_FOUND');
  expect(notFound.code).toBe('NOT_FOUND');
  expect(notFound.request_id).toBe('e2e-unknown-product');
  expect(notFound.problem).toMatchObject({
    type: `${PROBLEM_BASE}product-not-found`,
    status: 404,
    instance: '/orders',
    request_id: 'e2e-unknown-product',
  });
  expect(notFound.problem?.detail).toContain(unknownId);
});
