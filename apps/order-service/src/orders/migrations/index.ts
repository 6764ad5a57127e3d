import { ServiceSecretsMigration } from '@ecommerce/persistence';
import { IdempotencyKeysMigration } from '@ecommerce/idempotency';
import { CreateOrder } from './0001-create-order.js';
import { IntentsAndCancels } from './0002-intents-and-cancels.js';
import { Iso4217MinorUnits } from './0004-iso-4217-minor-units.js';

/** Every order-service migration, in order. Append, never edit or reorder a released one. */
export const orderMigrations = [
  { name: '0001-create-order', class: CreateOrder },
  { name: '0002-intents-and-cancels', class: IntentsAndCancels },
  { name: '0003-idempotency-keys', class: IdempotencyKeysMigration },
  { name: '0004-iso-4217-minor-units', class: Iso4217MinorUnits },
  { name: '0005-service-secrets', class: ServiceSecretsMigration },
];
