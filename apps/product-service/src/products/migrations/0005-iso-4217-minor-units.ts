import { INTL_TO_ISO_4217_RESCALE, MAX_MINOR_AMOUNT } from '@ecommerce/money';
import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Prices move to ISO 4217 minor units (they came from Intl/CLDR before, which gives HUF, IDR and
 * others 0 decimals instead of 2, and IQD 0 instead of 3): an amount stored in the old units is
 * rescaled, so 500 forints (500) become 50000 fillér. The major-unit price, the etag and every
 * other column stay as they were.
 */
export class Iso4217MinorUnits extends SchemaMigration {
  override async up(): Promise<void> {
    for (const [factor, currencies] of Object.entries(INTL_TO_ISO_4217_RESCALE)) {
      await this.scaleColumns('product', ['price_minor'], { column: 'currency', values: [...currencies] }, Number(factor), MAX_MINOR_AMOUNT);
    }
  }
}
