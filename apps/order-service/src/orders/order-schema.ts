import type { ServiceSchema } from '@ecommerce/persistence';
import { orderMigrations } from './migrations/index.js';
import { OrderEntity } from './order.entity.js';

/** order-service's tables: the entities define them, the migrations build them. */
export const orderSchema: ServiceSchema = {
  entities: [OrderEntity],
  migrations: orderMigrations,
  schema: 'order_service',
};
