import { parseMinorAmount } from './amount.js';
import { isValidCurrency } from './currency.js';

/** An amount in integer minor units of an ISO 4217 currency, as the services compute with it. */
export interface Money {
  minor: number;
  currency: string;
}

/** The wire form (`ecommerce.product.v1.Money` as ts-proto gives it: int64 as a decimal string). */
export interface MoneyMessage {
  amountMinor: string;
  currency: string;
}

/**
 * Wire -> Money, the one way in: the int64 string parsed within the platform's bound, the currency
 * checked. Undefined when the message breaks the money contract (the caller decides whose fault
 * that is: a client's field error, or an upstream that broke the contract).
 */
export function fromMoneyMessage(message: MoneyMessage | undefined): Money | undefined {
  if (!message || !isValidCurrency(message.currency)) return undefined;
  const minor = parseMinorAmount(message.amountMinor);
  return minor === undefined ? undefined : { minor, currency: message.currency };
}

/** Money -> wire, the one way out. */
export function toMoneyMessage(money: Money): MoneyMessage {
  return { amountMinor: String(money.minor), currency: money.currency };
}
