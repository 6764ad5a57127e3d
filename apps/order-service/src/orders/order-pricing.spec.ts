import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { RpcError } from '@ecommerce/grpc-kit';
import { MAX_MINOR_AMOUNT } from '@ecommerce/money';
import { priceOrder } from './order-pricing.js';

const usd = (amountMinor: string | number) => ({ amountMinor: String(amountMinor), currency: 'USD' });

test('multiplies exactly in minor units', () => {
  assert.deepEqual(priceOrder(usd(10), 3), { unitPriceMinor: 10, totalPriceMinor: 30, currency: 'USD' });
  assert.deepEqual(priceOrder(usd(1999), 7), { unitPriceMinor: 1999, totalPriceMinor: 13993, currency: 'USD' });
  // The float way gets these wrong: 0.1 * 3 = 0.30000000000000004, 19.99 * 7 = 139.92999999999998.
  assert.notEqual(0.1 * 3, 0.3);
  assert.equal(priceOrder(usd(1), 10_000).totalPriceMinor, 10_000);
});

test('keeps the product currency, including zero- and three-digit ones', () => {
  assert.deepEqual(priceOrder({ amountMinor: '500', currency: 'JPY' }, 3), {
    unitPriceMinor: 500,
    totalPriceMinor: 1500,
    currency: 'JPY',
  });
  assert.equal(priceOrder({ amountMinor: '1234', currency: 'KWD' }, 2).totalPriceMinor, 2468);
});

test('accepts a total exactly at the bound', () => {
  assert.equal(priceOrder(usd(MAX_MINOR_AMOUNT), 1).totalPriceMinor, MAX_MINOR_AMOUNT);
  assert.equal(priceOrder(usd(99_999_999_999_999), 10).totalPriceMinor, 999_999_999_999_990);
});

test('refuses a total beyond the bound as a quantity violation', () => {
  assert.throws(
    () => priceOrder(usd(100_000_000_000_000), 10),
    (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.equal(error.fieldViolations.length, 1);
      assert.equal(error.fieldViolations[0]?.field, 'quantity');
      assert.match(error.fieldViolations[0]?.description ?? '', /at most 9 for this product/);
      return true;
    },
  );
  assert.throws(() => priceOrder(usd(MAX_MINOR_AMOUNT), 2), RpcError);
});

test('treats a price outside the product contract as an internal error, not a client error', () => {
  for (const price of [undefined, usd('-1'), usd('1.5'), usd('9223372036854775807'), { amountMinor: '1', currency: 'usd' }]) {
    assert.throws(() => priceOrder(price, 1), (error: unknown) => !(error instanceof RpcError), JSON.stringify(price));
  }
});
