import type { Money } from '@ecommerce/contracts';
import { DEFAULT_CURRENCY, fromMoneyMessage, isValidCurrency, majorToMinor, minorToMajor, toMoneyMessage } from '@ecommerce/money';
import type { FieldError } from '../errors/problem-models.js';

/**
 * Conversions between the REST edge's values and the gRPC wire's: money as major-unit JSON numbers
 * vs int64 minor units, timestamps as RFC 3339 strings vs Dates. Input conversions report field
 * errors named as in the JSON body; output conversions throw (a service broke the contract: 500).
 */

/** Money message -> JSON number in major units, plus its currency. */
export function fromMoney(message: Money | undefined): { amount: number; currency: string } {
  const money = fromMoneyMessage(message);
  if (!money) throw new Error(`upstream sent an invalid amount: ${JSON.stringify(message)}`);
  return { amount: minorToMajor(money.minor, money.currency), currency: money.currency };
}

/**
 * REST `price` (major units) and optional `currency` -> Money message. Errors name "price" (not a
 * positive amount, more decimals than the currency has, beyond the bound) or "currency".
 */
export function toMoney(price: number, currency = DEFAULT_CURRENCY): { money: Money } | { errors: FieldError[] } {
  if (!isValidCurrency(currency)) {
    return { errors: [{ field: 'currency', message: 'must be an upper-case ISO 4217 code such as USD' }] };
  }
  const converted = majorToMinor(price, currency);
  if (!converted.ok) return { errors: [{ field: 'price', message: converted.message }] };
  if (converted.minor <= 0) return { errors: [{ field: 'price', message: 'must be greater than 0' }] };
  return { money: toMoneyMessage({ minor: converted.minor, currency }) };
}

/** Timestamp from the wire -> RFC 3339 with milliseconds, e.g. "2025-01-15T09:30:00.000Z". */
export function toRfc3339(date: Date | undefined): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error('upstream sent no valid timestamp');
  return date.toISOString();
}

/** proto3 "empty string = absent" -> JSON null. */
export function nullIfEmpty(token: string): string | null {
  return token === '' ? null : token;
}
