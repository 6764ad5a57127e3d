import { IdempotencyKeyEntity } from '@ecommerce/idempotency';
import { ServiceSecretEntity, type ServiceSchema } from '@ecommerce/persistence';
import { orderMigrations } from './migrations/index.js';
import { OrderIntentEntity } from './order-intent.entity.js';
import { OrderEntity } from './order.entity.js';

/** order-service's tables: the entities define them, the migrations build them. */
export const orderSchema: ServiceSchema = {
  entities: [OrderEntity, OrderIntentEntity, IdempotencyKeyEntity, ServiceSecretEntity],
  migrations: orderMigrations,
  schema: 'order_service',
};
