import { startService, type ServiceProcess } from './service-process.js';

/**
 * The platform's deployables started from source as real processes on loopback, the same way in
 * every project's tests. Database URLs are blanked so a developer's PostgreSQL settings never leak
 * into a test (pass them in `env` to opt in).
 */
const ISOLATED = { LOG_LEVEL: 'info', PRODUCT_DATABASE_URL: '', ORDER_DATABASE_URL: '' };

/** product-service with its SQLite file in `dataDir`; port 0 picks a free port, a fixed one restarts it where it was. */
export function startProductService(dataDir: string, port = 0, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startService({
    entry: 'apps/product-service/src/main.ts',
    env: { ...ISOLATED, DATA_DIR: dataDir, PRODUCT_SERVICE_HOST: '127.0.0.1', PRODUCT_SERVICE_PORT: String(port), ...env },
  });
}

/** order-service on a free port, pointed at product-service on `productPort`. */
export function startOrderService(dataDir: string, productPort: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startService({
    entry: 'apps/order-service/src/main.ts',
    env: {
      ...ISOLATED,
      DATA_DIR: dataDir,
      ORDER_SERVICE_HOST: '127.0.0.1',
      ORDER_SERVICE_PORT: '0',
      PRODUCT_SERVICE_ADDR: `127.0.0.1:${productPort}`,
      ...env,
    },
  });
}

/** api-gateway on a free port (or `env.GATEWAY_PORT`), pointed at both services. */
export function startGateway(productPort: number, orderPort: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startService({
    entry: 'apps/api-gateway/src/main.ts',
    env: {
      ...ISOLATED,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      PRODUCT_SERVICE_ADDR: `127.0.0.1:${productPort}`,
      ORDER_SERVICE_ADDR: `127.0.0.1:${orderPort}`,
      ...env,
    },
  });
}
