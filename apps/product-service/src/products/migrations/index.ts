import { ServiceSecretsMigration } from '@ecommerce/persistence';
import { IdempotencyKeysMigration } from '@ecommerce/idempotency';
import { CreateProduct } from './0001-create-product.js';
import { VersionsAndDeletes } from './0002-versions-and-deletes.js';
import { StockReservations } from './0003-stock-reservations.js';
import { Iso4217MinorUnits } from './0005-iso-4217-minor-units.js';

/** Every product-service migration, in order. Append, never edit or reorder a released one. */
export const productMigrations = [
  { name: '0001-create-product', class: CreateProduct },
  { name: '0002-versions-and-deletes', class: VersionsAndDeletes },
  { name: '0003-stock-reservations', class: StockReservations },
  { name: '0004-idempotency-keys', class: IdempotencyKeysMigration },
  { name: '0005-iso-4217-minor-units', class: Iso4217MinorUnits },
  { name: '0006-service-secrets', class: ServiceSecretsMigration },
];
