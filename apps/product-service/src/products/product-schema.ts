import { IdempotencyKeyEntity } from '@ecommerce/idempotency';
import { ServiceSecretEntity, type ServiceSchema } from '@ecommerce/persistence';
import { productMigrations } from './migrations/index.js';
import { ProductEntity } from './product.entity.js';
import { StockReservationEntity } from './stock-reservation.entity.js';

/** product-service's tables: the entities define them, the migrations build them. */
export const productSchema: ServiceSchema = {
  entities: [ProductEntity, StockReservationEntity, IdempotencyKeyEntity, ServiceSecretEntity],
  migrations: productMigrations,
  schema: 'product_service',
};
