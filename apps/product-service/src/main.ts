import { ProductServiceService } from '@ecommerce/contracts';
import { createLogger, exitOnSignals, implement, startGrpcServer } from '@ecommerce/grpc-kit';
import { openDatabase } from '@ecommerce/persistence';
import { loadConfig } from './config.js';
import { ProductEntity } from './products/product.entity.js';
import { productMigrations } from './products/migrations/0001-create-product.js';
import { productHandlers } from './products/product-handlers.js';

const SERVICE = 'product-service';

async function main(): Promise<void> {
  const logger = createLogger(SERVICE);
  const config = loadConfig();
  const orm = await openDatabase({
    url: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    entities: [ProductEntity],
    migrations: productMigrations,
    schema: 'product_service',
    log: (message) => logger.info({ component: 'mikro-orm' }, message),
  });
  logger.info({ database: config.databaseUrl ? 'postgresql' : config.sqlitePath }, 'database ready');
  const running = await startGrpcServer({
    host: config.host,
    port: config.port,
    logger,
    services: [{
      name: 'ecommerce.product.v1.ProductService',
      definition: ProductServiceService,
      implementation: implement(productHandlers(orm), { logger, domain: SERVICE }),
    }],
    onStopped: () => orm.close(),
  });
  exitOnSignals(running, logger);
}

main().catch((error: unknown) => {
  createLogger(SERVICE).fatal({ err: error }, 'failed to start');
  process.exit(1);
});
