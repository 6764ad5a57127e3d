import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcommerceClient } from './client.js';
import type { Order, Product, ProductCreateParams } from './types.js';

describe('EcommerceClient', () => {
  it('requires a baseUrl and sane limits', () => {
    assert.throws(() => new EcommerceClient({ baseUrl: '' }), TypeError);
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', maxRetries: -1 }), RangeError);
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', maxRetries: 1.5 }), RangeError);
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', timeoutMs: 0 }), RangeError);
  });

  it('calls the fetch it is given with a string URL and a plain init (no Request object)', async () => {
    const seen: { url: unknown; init: { method: string; headers: Record<string, string>; body?: string } }[] = [];
    const client = new EcommerceClient({
      baseUrl: 'http://gateway.test',
      fetch: async (url, init) => {
        seen.push({ url, init });
        return Response.json({ id: 'o1' }, { status: 201 });
      },
    });
    const order = await client.orders.create({ product_id: 'p1', quantity: 2 });
    assert.equal(order.id, 'o1');
    assert.equal(seen[0]?.url, 'http://gateway.test/orders');
    assert.equal(seen[0]?.init.method, 'POST');
    assert.equal(seen[0]?.init.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(seen[0]?.init.body ?? ''), { product_id: 'p1', quantity: 2 });
  });
});

// Compile-time checks (tsc -p sdk/tsconfig.json): the public types follow the spec.
export function typeChecks(client: EcommerceClient): void {
  const valid: ProductCreateParams = { name: 'Mug', description: '', price: 9.5 };
  void client.products.create({ ...valid, currency: 'EUR', stock: 3 });
  // @ts-expect-error -- wrong field name
  void client.products.create({ name: 'Mug', description: '', prise: 9.5 });
  // @ts-expect-error -- price is a number in major units
  void client.products.create({ name: 'Mug', price: '9.50' });
  // @ts-expect-error -- exactOptionalPropertyTypes: an absent currency is omitted, not undefined
  void client.products.create({ name: 'Mug', price: 1, currency: undefined });
  // @ts-expect-error -- quantity is required
  void client.orders.create({ product_id: 'p1' });
  // @ts-expect-error -- unknown query parameter
  void client.orders.list({ pageSize: 10 });
  // @ts-expect-error -- idempotency keys are for creating calls only
  void client.products.get('p1', { idempotencyKey: 'k' });
  const timestamps = (product: Product, order: Order): string[] => [product.created_at, product.updated_at, order.created_at];
  const etag = (product: Product): string => product.etag;
  // @ts-expect-error -- stock is its own resource (products.getStock), not part of a product
  const stock = (product: Product): number | null => product.stock;
  const status = (order: Order): 'CONFIRMED' | 'CANCELLED' => order.status;
  // @ts-expect-error -- an update is a partial product; a wrong field name is still an error
  void client.products.update('p1', { prise: 2 });
  void [timestamps, etag, stock, status];
}
