import currencyCodes from 'currency-codes';

/**
 * ISO 4217 currencies and their minor units, from the maintained `currency-codes` package (ISO's
 * list one, as published on the date the package records). Not Intl: CLDR's display digits differ
 * from ISO 4217 for HUF, IDR, COP, PKR, LBP (0 instead of 2), IQD (0 instead of 3) and more, and
 * Intl does not know CLF or UYW (4 decimals).
 *
 * Codes that ISO 4217 gives no minor unit ("N.A.": precious metals, units of account, the testing
 * and no-currency codes) are not currencies a price can be in. `currency-codes` records them as 0
 * digits, so they are named here; a test checks this list against the ISO XML the package ships.
 */
export const NO_MINOR_UNIT: ReadonlySet<string> = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
]);

/** The ISO 4217 list's publish date the package carries, e.g. "2024-06-25". */
export const ISO_4217_PUBLISHED: string = currencyCodes.publishDate;

/** The currency used when a request leaves it empty. */
export const DEFAULT_CURRENCY = 'USD';

/** A withdrawn code still found in stored rows (HRK, SLL, ZWL: all 2 decimals) reads with this many. */
const WITHDRAWN_DIGITS = 2;

const DIGITS = new Map(currencyCodes.data.filter((entry) => !NO_MINOR_UNIT.has(entry.code)).map((entry) => [entry.code, entry.digits]));

/** True for an upper-case ISO 4217 code with a minor unit, e.g. "USD" or "CLF"; false for "usd", "XYZ" or "XAU". */
export function isValidCurrency(code: string): boolean {
  return DIGITS.has(code);
}

/**
 * Decimal places of the currency's minor unit in ISO 4217 (USD 2, JPY 0, KWD 3, CLF 4). For a code
 * that is no longer on the list (a price stored before it was withdrawn), 2.
 */
export function minorUnitDigits(currency: string): number {
  return DIGITS.get(currency) ?? WITHDRAWN_DIGITS;
}

/**
 * The currencies whose minor units changed when the platform moved from Intl's (CLDR's) digits to
 * ISO 4217's, and the factor that rescales an amount stored in the old minor units. Frozen: the
 * services' migrations use it to rescale what was stored before, so it must never change.
 */
export const INTL_TO_ISO_4217_RESCALE: Readonly<Record<number, readonly string[]>> = Object.freeze({
  100: Object.freeze(['AFN', 'ALL', 'COP', 'HUF', 'IDR', 'IRR', 'KPW', 'LAK', 'LBP', 'MGA', 'MMK', 'PKR', 'SOS', 'SYP', 'YER']),
  1000: Object.freeze(['IQD']),
});
