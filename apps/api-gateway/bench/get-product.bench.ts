/**
 * GET /products/{id} over real HTTP against the real platform: product-service, order-service and
 * the gateway spawned as processes (SQLite in a temporary data directory, info-level logging as in
 * production). A script that prints figures, not a test: it never fails on a slow machine.
 *
 * Run from the workspace root:  npx nx run api-gateway:bench
 * Env: BENCH_COUNT requests per phase (default 2000, max 100000), BENCH_CONCURRENCY in-flight
 * requests in the concurrent phase (default 8, max 256). 200 warm-up requests are not measured.
 */
import { benchSetting, formatLoad, httpClient, runLoad, startPlatform } from '@ecommerce/testing';
import { HEADPHONES } from '../test/gateway.js';

const COUNT = benchSetting('BENCH_COUNT', 2000, 100_000);
const CONCURRENCY = benchSetting('BENCH_CONCURRENCY', 8, 256);

/** One GET that must answer 200, body read. */
async function get(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
}

async function main(): Promise<void> {
  const platform = await startPlatform();
  try {
    const created = await httpClient(platform.baseUrl).post<{ id: string }>('/products', HEADPHONES);
    const url = `${platform.baseUrl}/products/${created.body.id}`;
    await runLoad(() => get(url), 200, 4);
    console.log(`GET /products/{id} through gateway -> product-service (node ${process.version})`);
    console.log(formatLoad('sequential', await runLoad(() => get(url), COUNT, 1)));
    console.log(formatLoad(`concurrency ${CONCURRENCY}`, await runLoad(() => get(url), COUNT, CONCURRENCY)));
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
