import { join } from 'node:path';
import { startGateway, startOrderService, startProductService, tempDataDir, type ServiceProcess } from '@ecommerce/testing';

/** The three processes of the platform, started for real on free loopback ports. */
export interface Platform {
  baseUrl: string;
  products: ServiceProcess;
  orders: ServiceProcess;
  gateway: ServiceProcess;
  dataDir: string;
  /** Stops every process still running and removes the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts product-service, order-service and the gateway as real child processes (port 0, a
 * fresh temporary DATA_DIR), each wired to the others by the ports they logged.
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const data = tempDataDir('api-gateway-test-');
  const started: ServiceProcess[] = [];
  try {
    const products = await startProductService(join(data.dir, 'product'), 0, env);
    started.push(products);
    const orders = await startOrderService(join(data.dir, 'order'), products.port, env);
    started.push(orders);
    const gateway = await startGateway(products.port, orders.port, env);
    started.push(gateway);
    return {
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      products,
      orders,
      gateway,
      dataDir: data.dir,
      async stop() {
        await Promise.all(started.map((process) => process.stop()));
        data.cleanup();
      },
    };
  } catch (error) {
    await Promise.all(started.map((process) => process.stop()));
    data.cleanup();
    throw error;
  }
}
