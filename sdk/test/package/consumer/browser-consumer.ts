/* eslint-disable @nx/enforce-module-boundaries -- a client app: copied outside the repo, compiled against the packed tarball */
// Type-checked with lib DOM and NO Node types: proves the published .d.ts needs nothing from Node.
import { EcommerceClient, RateLimitError, type Order } from '@ecommerce/sdk';

export async function placeOrder(productId: string, signal: AbortSignal): Promise<Order | undefined> {
  const client = new EcommerceClient({ baseUrl: location.origin, fetch: (url, init) => fetch(url, init) });
  try {
    return await client.orders.create({ product_id: productId, quantity: 1 }, { signal, idempotencyKey: crypto.randomUUID() });
  } catch (error) {
    if (error instanceof RateLimitError) return undefined;
    throw error;
  }
}
