/**
 * Benchmark (not a test): GetProduct, ListProducts and CreateProduct throughput and latency over real
 * gRPC against a spawned product-service on a temporary SQLite file, plus the service's own CPU per
 * call (from /proc, so the client's share on the same cores is left out). Bounded: a fixed number
 * of calls, then exit.
 * Run: TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx apps/product-service/bench/get-product.bench.ts
 * Env: BENCH_CALLS per phase (default 5000), BENCH_CONCURRENCY (default 16).
 */
import { readFileSync } from 'node:fs';
import { credentials } from '@grpc/grpc-js';
import { ProductServiceClient, type CreateProductRequest } from '@ecommerce/contracts';
import { callUnary, createChannel } from '@ecommerce/grpc-kit';
import { benchSetting, formatLoad, runLoad, startProductService, tempDataDir } from '@ecommerce/testing';

const CALLS = benchSetting('BENCH_CALLS', 5000, 100_000);
const CONCURRENCY = benchSetting('BENCH_CONCURRENCY', 16, 256);

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(name: string, pid: number, call: () => Promise<unknown>): Promise<void> {
  const cpuBefore = cpuSeconds(pid);
  const result = await runLoad(call, CALLS, CONCURRENCY);
  const cpuPerCall = ((cpuSeconds(pid) - cpuBefore) / CALLS) * 1e6;
  console.log(formatLoad(name, result, `  service CPU ${cpuPerCall.toFixed(0)} us/call`));
}

async function main(): Promise<void> {
  const data = tempDataDir();
  const service = await startProductService(data.dir);
  const address = `127.0.0.1:${service.port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  const create = (name: string) => callUnary(client.createProduct.bind(client), {
    name, description: '', price: { amountMinor: '1999', currency: 'USD' }, stock: undefined, requestId: '',
  } satisfies CreateProductRequest, { timeoutMs: 5000 });
  try {
    const { product } = await create('Bench');
    for (let i = 0; i < 50; i++) await create(`Item ${i}`);
    const pid = service.child.pid!;
    console.log(`product-service over gRPC, concurrency ${CONCURRENCY} (node ${process.version})`);
    await measure('GetProduct', pid, () => callUnary(client.getProduct.bind(client), { id: product!.id }, { timeoutMs: 5000 }));
    await measure('ListProducts(20)', pid, () => callUnary(client.listProducts.bind(client), { pageSize: 20, pageToken: '' }, { timeoutMs: 5000 }));
    await measure('CreateProduct', pid, () => create('Load'));
  } finally {
    client.close();
    await service.stop();
    data.cleanup();
  }
}

void main();
