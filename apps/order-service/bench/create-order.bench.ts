/**
 * CreateOrder benchmark against real, freshly spawned product-service and order-service processes
 * (SQLite in a temporary data directory, loopback gRPC, info-level logging as in production).
 * A script that prints figures, not a test: it never fails on a slow machine.
 *
 * Run from the workspace root:
 *   TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx apps/order-service/bench/create-order.bench.ts
 * Env: BENCH_COUNT calls per phase (default 2000, max 100000), BENCH_CONCURRENCY in-flight calls in
 * the concurrent phase (default 8, max 256). A warm-up of 200 calls is not measured.
 */
import { performance } from 'node:perf_hooks';
import type { OrderServiceClient } from '@ecommerce/contracts';
import { callUnary } from '@ecommerce/grpc-kit';
import { createProduct } from '../src/test-support/clients.js';
import { startPlatform } from '../src/test-support/processes.js';

/** Reads a whole-number setting, clamped to [1, max] so a typo cannot run for hours. */
function setting(name: string, fallback: number, max: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  return Number.isFinite(value) ? Math.min(Math.max(value, 1), max) : fallback;
}

const COUNT = setting('BENCH_COUNT', 2000, 100_000);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 8, 256);
const WARMUP = 200;

/** Nearest-rank percentile of sorted latencies. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Issues `count` CreateOrder calls, `concurrency` at a time; returns wall time and per-call latencies. */
async function run(client: OrderServiceClient, productId: string, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      await callUnary(client.createOrder.bind(client), { productId, quantity: 7 }, { timeoutMs: 10_000 });
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

function report(label: string, result: { seconds: number; latencies: number[] }): void {
  const { seconds, latencies } = result;
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(
    `${label.padEnd(16)} ${String(latencies.length).padStart(6)} calls  ${(latencies.length / seconds).toFixed(0).padStart(6)} ops/s` +
      `  p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? Number.NaN)}`,
  );
}

async function main(): Promise<void> {
  const platform = await startPlatform();
  try {
    const product = await createProduct(platform.catalog, 1999);
    await run(platform.client, product.id, WARMUP, CONCURRENCY);
    console.log(`CreateOrder (product check over gRPC + SQLite insert), node ${process.version}`);
    report('sequential', await run(platform.client, product.id, COUNT, 1));
    report(`concurrency ${CONCURRENCY}`, await run(platform.client, product.id, COUNT, CONCURRENCY));
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
