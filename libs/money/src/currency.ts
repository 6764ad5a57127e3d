/**
 * ISO 4217 currency helpers backed by the runtime's Intl data, so the list of valid codes and the
 * number of minor-unit digits (2 for USD, 0 for JPY, 3 for KWD) never needs a hand-kept table.
 */
const supported = new Set<string>(Intl.supportedValuesOf('currency'));
const digitsCache = new Map<string, number>();

/** The currency used when a request leaves it empty. */
export const DEFAULT_CURRENCY = 'USD';

/** True for an upper-case three-letter code that Intl knows, e.g. "USD"; false for "usd" or "XYZ". */
export function isValidCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && supported.has(code);
}

/** Number of decimal places of the currency's minor unit (USD 2, JPY 0). Assumes a valid code. */
export function minorUnitDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}
