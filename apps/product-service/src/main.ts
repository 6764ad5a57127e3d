import { ProductServiceService, loadProtoDefinition } from '@ecommerce/contracts';
import { implement, serverCredentials, startGrpcServer } from '@ecommerce/grpc-kit';
import { createLogger } from '@ecommerce/logging';
import { startServiceTelemetry } from '@ecommerce/telemetry';
import { exitOnSignals, loadShutdownSettings } from '@ecommerce/shutdown';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { pageTokensFrom } from '@ecommerce/paging';
import { openDatabase, storedSecret } from '@ecommerce/persistence';
import { loadConfig } from './config.js';
import { productSchema } from './products/product-schema.js';
import { seedDemoCatalog } from './products/demo-catalog.js';
import { productHandlers } from './products/product-handlers.js';

const SERVICE = 'product-service';

async function main(): Promise<void> {
  const logger = createLogger(SERVICE);
  const config = loadConfig();
  const credentials = serverCredentials();
  const db = await openDatabase(productSchema, { url: config.databaseUrl, sqlitePath: config.sqlitePath }, {
    synchronous: config.sqliteSynchronous,
    log: (message) => logger.info({ component: 'mikro-orm' }, message),
  });
  logger.info({ database: config.databaseUrl ? 'postgresql' : config.sqlitePath }, 'database ready');
  if (config.demoData) logger.info({ products: await seedDemoCatalog(db) }, 'demo catalog');
  const keys = new IdempotencyKeys(db, { ttlMs: config.idempotencyKeyTtlMs });
  const pageTokens = await pageTokensFrom(config.pageTokenSecret, () => storedSecret(db, 'page-token'), (message) => logger.warn(message));
  const stopPurging = keys.startPurging(logger);
  const shutdown = loadShutdownSettings();
  const telemetry = await startServiceTelemetry(SERVICE, { host: config.host, metricsPort: config.metricsPort, logger });
  const running = await startGrpcServer({
    host: config.host,
    port: config.port,
    logger,
    drainTimeoutMs: shutdown.timeoutMs,
    credentials,
    reflection: loadProtoDefinition(),
    services: [{
      name: 'ecommerce.product.v1.ProductService',
      definition: ProductServiceService,
      implementation: implement(productHandlers(db, { keys, pageTokens }), {
        logger, domain: SERVICE, definition: ProductServiceService, tracer: telemetry.tracer, metrics: telemetry.serverMetrics,
      }),
    }],
    onStopped: async () => {
      stopPurging();
      await db.close();
      await telemetry.close();
    },
  });
  exitOnSignals(running, logger, shutdown);
}

main().catch((error: unknown) => {
  createLogger(SERVICE).fatal({ err: error }, 'failed to start');
  process.exit(1);
});
