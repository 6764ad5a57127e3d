import { envChoice, envOptional, envPort, envPortOrOff, envPositiveInt, envSecret, envString, sqliteFile } from '@ecommerce/config';
import type { SqliteSynchronous } from '@ecommerce/persistence';

/** product-service settings, all from the environment (see the README's table). */
export interface ProductServiceConfig {
  host: string;
  /** 0 picks a free port (tests read it from the "listening" log line). */
  port: number;
  /** HTTP port of GET /metrics (Prometheus), on the same host; undefined when PRODUCT_SERVICE_METRICS_PORT=off. */
  metricsPort: number | undefined;
  /** PostgreSQL URL; when unset the embedded SQLite file in the data directory is used. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** SQLite durability (SQLITE_SYNCHRONOUS): NORMAL survives a process crash, FULL also a power cut. */
  sqliteSynchronous: SqliteSynchronous;
  /** DEMO_DATA=on: load the demo catalog into an empty store at start (what `npm start` does). */
  demoData: boolean;
  /** How long a finished idempotency key (request_id) is kept before a retry with it runs afresh. */
  idempotencyKeyTtlMs: number;
  /** Key of the page tokens' MAC (PAGE_TOKEN_SECRET, 32+ characters); unset: a key generated once and kept in the database. */
  pageTokenSecret: string | undefined;
}

/**
 * Loads the configuration. Defaults: PRODUCT_SERVICE_METRICS_PORT 9464 (off: no metrics server), PRODUCT_SERVICE_HOST 127.0.0.1, PRODUCT_SERVICE_PORT 50051,
 * DATA_DIR ./data, SQLITE_SYNCHRONOUS NORMAL, DEMO_DATA off, IDEMPOTENCY_KEY_TTL_MS 86400000 (24 h). Throws, naming the variable, on a malformed port.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProductServiceConfig {
  return {
    host: envString(env, 'PRODUCT_SERVICE_HOST', '127.0.0.1'),
    port: envPort(env, 'PRODUCT_SERVICE_PORT', 50051),
    metricsPort: envPortOrOff(env, 'PRODUCT_SERVICE_METRICS_PORT', 9464),
    databaseUrl: envOptional(env, 'PRODUCT_DATABASE_URL'),
    sqlitePath: sqliteFile(env, 'product-service.sqlite'),
    sqliteSynchronous: envChoice(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'], 'NORMAL'),
    demoData: envChoice(env, 'DEMO_DATA', ['on', 'off'], 'off') === 'on',
    idempotencyKeyTtlMs: envPositiveInt(env, 'IDEMPOTENCY_KEY_TTL_MS', 86_400_000),
    pageTokenSecret: envSecret(env, 'PAGE_TOKEN_SECRET', 32),
  };
}
