import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { OrderServiceClient, ProductServiceClient } from '@ecommerce/contracts';
import { startOrderService, startProductService, tempDataDir, type ServiceProcess } from '@ecommerce/testing';
import { orderClient, productClient } from './clients.js';

/**
 * Both services as real child processes on loopback (started by @ecommerce/testing), each with its
 * own SQLite file in a temporary data directory. Nothing here is mocked.
 */
export { startOrderService, startProductService };

/** A running pair of services with a client for each. */
export interface Platform {
  dataDir: string;
  products: ServiceProcess;
  orders: ServiceProcess;
  catalog: ProductServiceClient;
  client: OrderServiceClient;
  /** Closes the clients, stops both processes (resuming a SIGSTOPped one first), removes the data. */
  stop(): Promise<void>;
}

/**
 * Starts product-service, then order-service pointed at it, in a fresh data directory
 * (`<dir>/product`, `<dir>/order`). Call `stop()` in `after`, whatever happened.
 * @param [orderEnv] extra order-service environment, e.g. { PRODUCT_CALL_TIMEOUT_MS: '1000' }
 */
export async function startPlatform(orderEnv: Record<string, string> = {}): Promise<Platform> {
  const data = tempDataDir('order-service-test-');
  const started: ServiceProcess[] = [];
  try {
    const products = await startProductService(join(data.dir, 'product'));
    started.push(products);
    const orders = await startOrderService(join(data.dir, 'order'), products.port, orderEnv);
    started.push(orders);
    const platform: Platform = {
      dataDir: data.dir,
      products,
      orders,
      catalog: productClient(products.port),
      client: orderClient(orders.port),
      async stop() {
        platform.catalog.close();
        platform.client.close();
        platform.products.child.kill('SIGCONT');
        await platform.orders.stop();
        await platform.products.stop();
        data.cleanup();
      },
    };
    return platform;
  } catch (error) {
    await Promise.all(started.map((service) => service.stop()));
    data.cleanup();
    throw error;
  }
}

/** Asserts a process is the same, still running one (it was not restarted). */
export function assertStillRunning(service: ServiceProcess, pid: number | undefined): void {
  assert.equal(service.child.pid, pid);
  assert.equal(service.child.exitCode, null);
  assert.equal(service.child.signalCode, null);
}
