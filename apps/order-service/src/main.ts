import { OrderServiceService, loadProtoDefinition } from '@ecommerce/contracts';
import { clientCredentials, implement, serverCredentials, startGrpcServer } from '@ecommerce/grpc-kit';
import { createLogger } from '@ecommerce/logging';
import { startServiceTelemetry } from '@ecommerce/telemetry';
import { exitOnSignals, loadShutdownSettings } from '@ecommerce/shutdown';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { pageTokensFrom } from '@ecommerce/paging';
import { openDatabase, storedSecret } from '@ecommerce/persistence';
import { loadConfig } from './config.js';
import { seedDemoOrders } from './orders/demo-orders.js';
import { orderHandlers } from './orders/order-handlers.js';
import { orderSchema } from './orders/order-schema.js';
import { ProductCatalog } from './orders/product-catalog.js';
import { Reconciler } from './orders/reconciler.js';

const SERVICE = 'order-service';

async function main(): Promise<void> {
  const logger = createLogger(SERVICE);
  const config = loadConfig();
  const credentials = serverCredentials();
  const upstreamCredentials = clientCredentials();
  const db = await openDatabase(orderSchema, { url: config.databaseUrl, sqlitePath: config.sqlitePath }, {
    synchronous: config.sqliteSynchronous,
    log: (message) => logger.info({ component: 'mikro-orm' }, message),
  });
  logger.info({ database: config.databaseUrl ? 'postgresql' : config.sqlitePath }, 'database ready');
  if (config.demoData) logger.info({ orders: await seedDemoOrders(db) }, 'demo orders');
  const telemetry = await startServiceTelemetry(SERVICE, { host: config.host, metricsPort: config.metricsPort, logger });
  // Not dialled yet: order-service starts (and serves GetOrder/ListOrders) while product-service is down.
  const catalog = new ProductCatalog(config.productServiceAddr, config.productCallTimeoutMs, {
    credentials: upstreamCredentials.credentials, metrics: telemetry.clientMetrics, tracer: telemetry.tracer,
  });
  logger.info(
    { product_service: config.productServiceAddr, timeout_ms: config.productCallTimeoutMs, tls: upstreamCredentials.mode },
    'product-service client ready',
  );
  const keys = new IdempotencyKeys(db, { ttlMs: config.idempotencyKeyTtlMs });
  const pageTokens = await pageTokensFrom(config.pageTokenSecret, () => storedSecret(db, 'page-token'), (message) => logger.warn(message));
  const stopPurging = keys.startPurging(logger);
  const shutdown = loadShutdownSettings();
  const running = await startGrpcServer({
    host: config.host,
    port: config.port,
    logger,
    drainTimeoutMs: shutdown.timeoutMs,
    credentials,
    reflection: loadProtoDefinition(),
    services: [{
      name: 'ecommerce.order.v1.OrderService',
      definition: OrderServiceService,
      implementation: implement(orderHandlers(db, catalog, { keys, pageTokens }, { leaseMs: config.orderIntentLeaseMs }), {
        logger, domain: SERVICE, definition: OrderServiceService, tracer: telemetry.tracer, metrics: telemetry.serverMetrics,
      }),
    }],
    // In-flight calls have finished by now; nothing needs the upstream channel or the database.
    onStopped: async () => {
      stopPurging();
      await reconciler.stop();
      catalog.close();
      await db.close();
      await telemetry.close();
    },
  });
  // Releases the stock of orders that never committed (a crash between reserving and confirming).
  const reconciler = new Reconciler(db, catalog, logger, { intervalMs: config.reconcileIntervalMs });
  reconciler.start();
  exitOnSignals(running, logger, shutdown);
}

main().catch((error: unknown) => {
  createLogger(SERVICE).fatal({ err: error }, 'failed to start');
  process.exit(1);
});
