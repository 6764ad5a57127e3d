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
import { callUnary } from '@ecommerce/grpc-kit';
import { benchSetting, formatLoad, runLoad, startServices } from '@ecommerce/testing';
import { connectClients, createProduct } from '../test/clients.js';

const COUNT = benchSetting('BENCH_COUNT', 2000, 100_000);
const CONCURRENCY = benchSetting('BENCH_CONCURRENCY', 8, 256);
const WARMUP = 200;

async function main(): Promise<void> {
  const services = await startServices();
  const clients = connectClients(services.products.port, services.orders.port);
  try {
    const product = await createProduct(clients.catalog, 1999);
    const { client } = clients;
    const createOrder = () => callUnary(client.createOrder.bind(client), { productId: product.id, quantity: 7, requestId: '' }, { timeoutMs: 10_000 });
    await runLoad(createOrder, WARMUP, CONCURRENCY);
    console.log(`CreateOrder (product check over gRPC + SQLite insert), node ${process.version}`);
    console.log(formatLoad('sequential', await runLoad(createOrder, COUNT, 1)));
    console.log(formatLoad(`concurrency ${CONCURRENCY}`, await runLoad(createOrder, COUNT, CONCURRENCY)));
  } finally {
    clients.close();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
