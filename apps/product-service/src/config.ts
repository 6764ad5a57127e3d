import { join } from 'node:path';

/** product-service settings, all from the environment (see the README's table). */
export interface ProductServiceConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; when unset the embedded SQLite file in the data directory is used. */
  databaseUrl: string | undefined;
  sqlitePath: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProductServiceConfig {
  const dataDir = env['DATA_DIR'] ?? './data';
  return {
    host: env['PRODUCT_SERVICE_HOST'] ?? '127.0.0.1',
    port: Number(env['PRODUCT_SERVICE_PORT'] ?? 50051),
    databaseUrl: env['PRODUCT_DATABASE_URL'] || undefined,
    sqlitePath: join(dataDir, 'product-service.sqlite'),
  };
}
