/**
 * GET /products/{id} over real HTTP against the real platform: product-service, order-service and
 * the gateway spawned as processes (SQLite in a temporary data directory, info-level logging as in
 * production). A script that prints figures, not a test: it never fails on a slow machine.
 *
 * Run from the workspace root:  npx nx run api-gateway:bench
 * Env: BENCH_COUNT requests per phase (default 2000, max 100000), BENCH_CONCURRENCY in-flight
 * requests in the concurrent phase (default 8, max 256). 200 warm-up requests are not measured.
 */
import { performance } from 'node:perf_hooks';
import { HEADPHONES, client } from '../test/http-client.js';
import { startPlatform } from '../test/platform.js';

function setting(name: string, fallback: number, max: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  return Number.isFinite(value) ? Math.min(Math.max(value, 1), max) : fallback;
}

const COUNT = setting('BENCH_COUNT', 2000, 100_000);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 8, 256);

/** Nearest-rank percentile of sorted latencies. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `count` GETs, `concurrency` at a time; wall time and sorted per-request latencies (ms). */
async function run(url: string, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

function report(label: string, { seconds, latencies }: { seconds: number; latencies: number[] }): void {
  const ms = (value: number) => value.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(16)} ${String(latencies.length).padStart(6)} req  ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s`
    + `  p50 ${ms(percentile(latencies, 50))} ms  p95 ${ms(percentile(latencies, 95))} ms`
    + `  p99 ${ms(percentile(latencies, 99))} ms  max ${ms(latencies.at(-1) ?? Number.NaN)} ms`,
  );
}

async function main(): Promise<void> {
  const platform = await startPlatform();
  try {
    const created = await client(platform.baseUrl).post<{ id: string }>('/products', HEADPHONES);
    const url = `${platform.baseUrl}/products/${created.body.id}`;
    await run(url, 200, 4);
    console.log(`GET /products/{id} through gateway -> product-service (node ${process.version})`);
    report('sequential', await run(url, COUNT, 1));
    report(`concurrency ${CONCURRENCY}`, await run(url, COUNT, CONCURRENCY));
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
