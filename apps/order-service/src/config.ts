import { envChoice, envOptional, envPort, envPortOrOff, envPositiveInt, envSecret, envString, sqliteFile } from '@ecommerce/config';
import type { SqliteSynchronous } from '@ecommerce/persistence';

/** order-service settings, all from the environment (see the README's table). */
export interface OrderServiceConfig {
  host: string;
  port: number;
  /** HTTP port of GET /metrics (Prometheus), on the same host; undefined when ORDER_SERVICE_METRICS_PORT=off. */
  metricsPort: number | undefined;
  /** PostgreSQL URL; when unset the embedded SQLite file in the data directory is used. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** SQLite durability (SQLITE_SYNCHRONOUS): NORMAL survives a process crash, FULL also a power cut. */
  sqliteSynchronous: SqliteSynchronous;
  /** DEMO_DATA=on: load the demo order into an empty store at start (what `npm start` does). */
  demoData: boolean;
  /** host:port of product-service, dialled once at start over one long-lived channel. */
  productServiceAddr: string;
  /** Deadline of every product-service call, so a hung upstream cannot hold an order open. */
  productCallTimeoutMs: number;
  /** How long an order being placed may stay unconfirmed before the reconciler releases its stock. */
  orderIntentLeaseMs: number;
  /** Time between two reconciler sweeps. */
  reconcileIntervalMs: number;
  /** How long a finished idempotency key (request_id) is kept before a retry with it runs afresh. */
  idempotencyKeyTtlMs: number;
  /** Key of the page tokens' MAC (PAGE_TOKEN_SECRET, 32+ characters); unset: a key generated once and kept in the database. */
  pageTokenSecret: string | undefined;
}

/**
 * Loads the configuration. Defaults: ORDER_SERVICE_METRICS_PORT 9465 (off: no metrics server), DATA_DIR ./data, ORDER_SERVICE_HOST 127.0.0.1,
 * ORDER_SERVICE_PORT 50052 (0 = a free port), PRODUCT_SERVICE_ADDR 127.0.0.1:50051,
 * PRODUCT_CALL_TIMEOUT_MS 2000, ORDER_INTENT_LEASE_MS 30000, RECONCILE_INTERVAL_MS 5000,
 * SQLITE_SYNCHRONOUS NORMAL, DEMO_DATA off, IDEMPOTENCY_KEY_TTL_MS 86400000 (24 h). Throws on an invalid PRODUCT_CALL_TIMEOUT_MS.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrderServiceConfig {
  return {
    host: envString(env, 'ORDER_SERVICE_HOST', '127.0.0.1'),
    port: envPort(env, 'ORDER_SERVICE_PORT', 50052),
    metricsPort: envPortOrOff(env, 'ORDER_SERVICE_METRICS_PORT', 9465),
    databaseUrl: envOptional(env, 'ORDER_DATABASE_URL'),
    sqlitePath: sqliteFile(env, 'order-service.sqlite'),
    sqliteSynchronous: envChoice(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'], 'NORMAL'),
    demoData: envChoice(env, 'DEMO_DATA', ['on', 'off'], 'off') === 'on',
    productServiceAddr: envString(env, 'PRODUCT_SERVICE_ADDR', '127.0.0.1:50051'),
    productCallTimeoutMs: envPositiveInt(env, 'PRODUCT_CALL_TIMEOUT_MS', 2000),
    orderIntentLeaseMs: envPositiveInt(env, 'ORDER_INTENT_LEASE_MS', 30_000),
    reconcileIntervalMs: envPositiveInt(env, 'RECONCILE_INTERVAL_MS', 5_000),
    idempotencyKeyTtlMs: envPositiveInt(env, 'IDEMPOTENCY_KEY_TTL_MS', 86_400_000),
    pageTokenSecret: envSecret(env, 'PAGE_TOKEN_SECRET', 32),
  };
}
