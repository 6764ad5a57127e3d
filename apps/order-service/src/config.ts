import { join } from 'node:path';

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

/** Reads a positive integer setting; a typo fails start-up instead of becoming NaN deadlines. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer (milliseconds), got "${raw}"`);
  }
  return value;
}

/**
 * Loads the configuration. Defaults: DATA_DIR ./data, ORDER_SERVICE_HOST 127.0.0.1,
 * ORDER_SERVICE_PORT 50052 (0 = a free port), PRODUCT_SERVICE_ADDR 127.0.0.1:50051,
 * PRODUCT_CALL_TIMEOUT_MS 2000. Throws on an invalid PRODUCT_CALL_TIMEOUT_MS.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrderServiceConfig {
  const dataDir = env['DATA_DIR'] ?? './data';
  return {
    host: env['ORDER_SERVICE_HOST'] ?? '127.0.0.1',
    port: Number(env['ORDER_SERVICE_PORT'] ?? 50052),
    databaseUrl: env['ORDER_DATABASE_URL'] || undefined,
    sqlitePath: join(dataDir, 'order-service.sqlite'),
    productServiceAddr: env['PRODUCT_SERVICE_ADDR'] || '127.0.0.1:50051',
    productCallTimeoutMs: positiveInteger(env, 'PRODUCT_CALL_TIMEOUT_MS', 2000),
  };
}
