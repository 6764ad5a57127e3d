import { MAX_MINOR_AMOUNT, fromMoneyMessage, multiplyMinor } from '@ecommerce/money';
import { validationError } from '@ecommerce/grpc-kit';
import type { Money } from '@ecommerce/contracts';

/** What an order is charged, all in integer minor units of `currency`. */
export interface OrderPrice {
  unitPriceMinor: number;
  totalPriceMinor: number;
  currency: string;
}

/**
 * Prices `quantity` units at the product's current price: total = unit x quantity, computed exactly
 * in integer minor units by multiplyMinor (0.10 x 3 = 0.30, 19.99 x 7 = 139.93; never floats).
 *
 * A total beyond MAX_MINOR_AMOUNT (the platform's money bound) fails with INVALID_ARGUMENT, reason
 * VALIDATION_FAILED and a field violation on `quantity` that states the largest quantity allowed.
 * Deliberately not a new reason such as TOTAL_TOO_LARGE: the caller fixes it by changing `quantity`,
 * which is exactly what a field violation says, and the gateway and SDK already turn
 * VALIDATION_FAILED into a 400 with `errors: [{field: "quantity"}]`, so no layer needs a new case.
 *
 * @param price the product's price as product-service returned it (int64 decimal string)
 * @throws Error (-> INTERNAL) when product-service returned a price outside its own contract
 */
export function priceOrder(price: Money | undefined, quantity: number): OrderPrice {
  const unit = fromMoneyMessage(price);
  if (!unit) throw new Error(`product-service returned an invalid price: ${JSON.stringify(price)}`);
  const unitPriceMinor = unit.minor;
  const totalPriceMinor = multiplyMinor(unitPriceMinor, quantity);
  if (totalPriceMinor === undefined) {
    const maxQuantity = Math.floor(MAX_MINOR_AMOUNT / unitPriceMinor);
    throw validationError([{
      field: 'quantity',
      description: `must be at most ${maxQuantity} for this product: the total would exceed the maximum ` +
        `of ${MAX_MINOR_AMOUNT} minor units (unit price ${unitPriceMinor} ${unit.currency})`,
    }]);
  }
  return { unitPriceMinor, totalPriceMinor, currency: unit.currency };
}
