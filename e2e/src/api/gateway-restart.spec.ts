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
