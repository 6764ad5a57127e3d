import { INTL_TO_ISO_4217_RESCALE, MAX_MINOR_AMOUNT } from '@ecommerce/money';
import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Orders' prices move to ISO 4217 minor units, as products' do (product-service's migration
 * 0005): both the unit price and the total are rescaled, so they stay in the same units.
 */
export class Iso4217MinorUnits extends SchemaMigration {
  override async up(): Promise<void> {
    for (const [factor, currencies] of Object.entries(INTL_TO_ISO_4217_RESCALE)) {
      await this.scaleColumns('orders', ['unit_price_minor', 'total_price_minor'], { column: 'currency', values: [...currencies] }, Number(factor), MAX_MINOR_AMOUNT);
    }
  }
}
