import { envOptional, envPort, envPositiveInt, envString, sqliteFile } from '@ecommerce/config';

/** order-service settings, all from the environment (see the README's table). */
export interface OrderServiceConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; when unset the embedded SQLite file in the data directory is used. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** host:port of product-service, dialled once at start over one long-lived channel. */
  productServiceAddr: string;
  /** Deadline of every product-service call, so a hung upstream cannot hold an order open. */
  productCallTimeoutMs: number;
}

/**
 * Loads the configuration. Defaults: DATA_DIR ./data, ORDER_SERVICE_HOST 127.0.0.1,
 * ORDER_SERVICE_PORT 50052 (0 = a free port), PRODUCT_SERVICE_ADDR 127.0.0.1:50051,
 * PRODUCT_CALL_TIMEOUT_MS 2000. Throws on an invalid PRODUCT_CALL_TIMEOUT_MS.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrderServiceConfig {
  return {
    host: envString(env, 'ORDER_SERVICE_HOST', '127.0.0.1'),
    port: envPort(env, 'ORDER_SERVICE_PORT', 50052),
    databaseUrl: envOptional(env, 'ORDER_DATABASE_URL'),
    sqlitePath: sqliteFile(env, 'order-service.sqlite'),
    productServiceAddr: envString(env, 'PRODUCT_SERVICE_ADDR', '127.0.0.1:50051'),
    productCallTimeoutMs: envPositiveInt(env, 'PRODUCT_CALL_TIMEOUT_MS', 2000),
  };
}
