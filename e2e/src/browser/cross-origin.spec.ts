/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { KEYS, startKeyedGateway, type KeyedGateway } from '../../support/access.js';
import { recordCspViolations } from '../../support/csp.js';

// A browser app on another origin (another loopback port) calling the API through the SDK: the
// preflights pass for the origins CORS_ORIGINS lists, and the browser withholds the answers from
// any other.
let app: { server: Server; origin: string };
let stranger: { server: Server; origin: string };
let keyed: KeyedGateway;

/** The SDK as a browser app bundles it (esbuild, the published ESM entry), exposed as window.Sdk. */
async function sdkBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: "export * from '@ecommerce/sdk';", resolveDir: __dirname, loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'Sdk', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Serves an empty page and the SDK bundle on a free loopback port: a client app's own origin. */
async function serveApp(bundle: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><script src="/sdk.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test.beforeAll(async () => {
  const bundle = await sdkBundle();
  [app, stranger] = [await serveApp(bundle), await serveApp(bundle)];
  keyed = await startKeyedGateway({ CORS_ORIGINS: app.origin, RATE_LIMIT_MAX: '1000' });
});
test.afterAll(async () => {
  await keyed?.stop();
  for (const served of [app, stranger]) served?.server.close();
});

interface PageResult { ok: boolean; error?: string; status?: number; orderStatus?: string; etag?: string; requestId?: string; rateLimit?: string }

test('from a listed origin, the SDK creates a product and an order and reads the exposed headers', async ({ page }) => {
  const violations = await recordCspViolations(page);
  await page.goto(`${app.origin}/`);
  const result = await page.evaluate(async ({ baseUrl, apiKey }): Promise<PageResult> => {
    const { EcommerceClient } = (window as unknown as { Sdk: typeof import('@ecommerce/sdk') }).Sdk;
    const client = new EcommerceClient({ baseUrl, apiKey, maxRetries: 0 });
    try {
      const product = await client.products.create({ name: 'Cross-origin mug', price: 9.5, stock: 3 });
      const { data: fetched, response } = await client.products.get(product.id).withResponse();
      const order = await client.orders.create({ product_id: fetched.id, quantity: 1 }, { idempotencyKey: crypto.randomUUID() });
      return {
        ok: true, orderStatus: order.status, etag: response.headers.get('etag') ?? undefined,
        requestId: response.headers.get('x-request-id') ?? undefined, rateLimit: response.headers.get('ratelimit') ?? undefined,
      };
    } catch (error) {
      return { ok: false, error: String(error), status: (error as { status?: number }).status };
    }
  }, { baseUrl: keyed.baseUrl, apiKey: KEYS.admin });
  expect(result).toMatchObject({ ok: true, orderStatus: 'CONFIRMED', etag: '"1"' });
  expect(result.requestId).toBeTruthy();
  expect(result.rateLimit).toMatch(/r=\d+; t=\d+/);
  expect(violations).toEqual([]);
});

test('from a listed origin, a 401 reaches the SDK as AuthenticationError with its problem', async ({ page }) => {
  await page.goto(`${app.origin}/`);
  const result = await page.evaluate(async ({ baseUrl }) => {
    const { EcommerceClient, AuthenticationError } = (window as unknown as { Sdk: typeof import('@ecommerce/sdk') }).Sdk;
    const error = await new EcommerceClient({ baseUrl, maxRetries: 0 }).orders.list().then(() => undefined, (e: unknown) => e);
    return { authentication: error instanceof AuthenticationError, reason: (error as { reason?: string }).reason, challenge: (error as { headers?: Headers }).headers?.get('www-authenticate') };
  }, { baseUrl: keyed.baseUrl });
  expect(result).toEqual({ authentication: true, reason: 'API_KEY_MISSING', challenge: 'Bearer realm="ecommerce"' });
});

test('from an origin not listed, the browser blocks the answer: the SDK sees a connection error', async ({ page }) => {
  await page.goto(`${stranger.origin}/`);
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const { EcommerceClient, APIConnectionError } = (window as unknown as { Sdk: typeof import('@ecommerce/sdk') }).Sdk;
    const error = await new EcommerceClient({ baseUrl, apiKey, maxRetries: 0 }).orders.list().then(() => undefined, (e: unknown) => e);
    return { connection: error instanceof APIConnectionError, status: (error as { status?: number } | undefined)?.status ?? null };
  }, { baseUrl: keyed.baseUrl, apiKey: KEYS.reader });
  expect(result).toEqual({ connection: true, status: null });
});
