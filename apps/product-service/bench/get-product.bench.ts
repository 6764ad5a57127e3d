/**
 * Benchmark (not a test): GetProduct and ListProducts throughput and latency over real gRPC against a
 * spawned product-service on a temporary SQLite file. Bounded: a fixed number of calls, then exit.
 * Run: TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx apps/product-service/bench/get-product.bench.ts
 */
import { readFileSync } from 'node:fs';
import { credentials } from '@grpc/grpc-js';
import { ProductServiceClient } from '@ecommerce/contracts';
import { callUnary, createChannel } from '@ecommerce/grpc-kit';
import { startService, tempDataDir } from '@ecommerce/testing';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 5000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);

/** CPU seconds (user + system) the service process has used so far, from /proc (Linux). */
function serviceCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(name: string, pid: number, call: () => Promise<unknown>): Promise<void> {
  const cpuBefore = serviceCpuSeconds(pid);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < CALLS) {
      const t0 = performance.now();
      await call();
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
  const cpuPerCall = ((serviceCpuSeconds(pid) - cpuBefore) / CALLS) * 1e6;
  console.log(`${name}: ${CALLS} calls, concurrency ${CONCURRENCY}: ${(CALLS / seconds).toFixed(0)} ops/s, `
    + `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, service CPU ${cpuPerCall.toFixed(0)} us/call`);
}

async function main(): Promise<void> {
  const data = tempDataDir();
  const service = await startService({ entry: 'apps/product-service/src/main.ts', env: { DATA_DIR: data.dir, PRODUCT_SERVICE_PORT: '0' } });
  const address = `127.0.0.1:${service.port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  try {
    const { product } = await callUnary(client.createProduct.bind(client), {
      name: 'Bench', description: '', price: { amountMinor: '1999', currency: 'USD' }, stock: undefined,
    }, { timeoutMs: 5000 });
    for (let i = 0; i < 50; i++) {
      await callUnary(client.createProduct.bind(client), { name: `Item ${i}`, description: '', price: { amountMinor: '100', currency: 'USD' }, stock: undefined }, { timeoutMs: 5000 });
    }
    await measure('GetProduct', service.child.pid!, () => callUnary(client.getProduct.bind(client), { id: product!.id }, { timeoutMs: 5000 }));
    await measure('ListProducts(20)', service.child.pid!, () => callUnary(client.listProducts.bind(client), { pageSize: 20, pageToken: '' }, { timeoutMs: 5000 }));
    await measure('CreateProduct', service.child.pid!, () => callUnary(client.createProduct.bind(client), {
      name: 'Load', description: '', price: { amountMinor: '100', currency: 'USD' }, stock: undefined,
    }, { timeoutMs: 5000 }));
  } finally {
    client.close();
    await service.stop();
    data.cleanup();
  }
}

void main();
