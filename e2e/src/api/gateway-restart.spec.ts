import { setTimeout as delay } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import type { FetchLike } from '@ecommerce/sdk';
import { freePorts, type AppProcess } from '@ecommerce/testing';
import { startGateway } from '../../support/gateway-process.js';
import { platformClient, uniqueTag } from '../../support/sdk.js';

/** The error code deep in fetch's failure (undici nests it in `cause`), e.g. "ECONNREFUSED". */
function errorCode(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return String(error);
}

test('a GET retried by the SDK succeeds across a gateway restart on the same port', async () => {
  // An extra gateway of our own, in front of the platform's services: stopping it disturbs no one.
  const [port] = await freePorts(1);
  const baseUrl = `http://127.0.0.1:${port}`;
  const first = await startGateway({ port });
  const product = await platformClient({ baseUrl }).products.create({ name: `Restart ${uniqueTag()}`, description: '', price: 12.5 });
  expect(await first.stop()).toBe(0);

  // Each attempt is recorded; the first failed one brings the gateway back a moment later.
  const attempts: string[] = [];
  let restarted: Promise<AppProcess> | undefined;
  const fetch: FetchLike = async (request, init) => {
    try {
      const response = await globalThis.fetch(request, init);
      attempts.push(String(response.status));
      return response;
    } catch (error) {
      attempts.push(errorCode(error));
      if (!restarted) {
        restarted = delay(200).then(() => startGateway({ port }));
        restarted.catch(() => undefined); // reported by the `finally` below
      }
      throw error;
    }
  };
  try {
    const client = platformClient({ baseUrl, fetch, maxRetries: 5 });
    expect(await client.products.get(product.id)).toEqual(product);
    expect(attempts[0]).toBe('ECONNREFUSED');
    expect(attempts.at(-1)).toBe('200');
    expect(attempts.length).toBeGreaterThan(1);
  } finally {
    await (await restarted)?.stop();
  }
});

test('an order create whose answer was lost is retried by the SDK across a gateway restart: one order, stock taken once', async () => {
  const [port] = await freePorts(1);
  const baseUrl = `http://127.0.0.1:${port}`;
  let gateway = await startGateway({ port });
  const setup = platformClient({ baseUrl });
  const product = await setup.products.create({ name: `Lost answer ${uniqueTag()}`, description: '', price: 30, stock: 3 });

  // The first attempt reaches the platform, which places the order; its answer is then lost
  // (the connection drops, as when a gateway restarts mid-response), and the gateway restarts.
  const attempts: { key: string | null; status: string }[] = [];
  let placed: { id: string } | undefined;
  let restarted: Promise<AppProcess> | undefined;
  const fetch: FetchLike = async (request, init) => {
    const key = init.headers['idempotency-key'] ?? null;
    if (!placed) {
      const response = await globalThis.fetch(request, init);
      placed = await response.json() as { id: string };
      attempts.push({ key, status: `${response.status}, answer lost` });
      restarted = gateway.stop().then(() => delay(200)).then(() => startGateway({ port }));
      restarted.catch(() => undefined); // reported by the `finally` below
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    }
    try {
      const response = await globalThis.fetch(request, init);
      attempts.push({ key, status: String(response.status) });
      return response;
    } catch (error) {
      attempts.push({ key, status: errorCode(error) });
      throw error;
    }
  };
  try {
    const client = platformClient({ baseUrl, fetch, maxRetries: 6 });
    const { data: order, response } = await client.orders.create({ product_id: product.id, quantity: 2 }).withResponse();
    expect(attempts[0]?.status).toBe('201, answer lost');
    expect(attempts.at(-1)?.status).toBe('201');
    expect(new Set(attempts.map((a) => a.key)).size).toBe(1); // one key across every attempt
    expect(order.id).toBe(placed?.id);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    const orders = await setup.orders.list({ product_id: product.id });
    expect(orders.orders.map((o) => o.id)).toEqual([order.id]);
    expect((await setup.products.getStock(product.id)).stock).toBe(1);
  } finally {
    gateway = (await restarted) ?? gateway;
    await gateway.stop();
  }
});
