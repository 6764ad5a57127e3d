import { minorUnitDigits } from './currency.js';
import { MAX_MINOR_AMOUNT } from './amount.js';

/**
 * Conversion between the REST edge's major-unit JSON numbers (199.99) and integer minor units
 * (19999). The conversion goes through the number's shortest decimal representation, so it is exact:
 * 0.1 becomes 10 cents, never 10.000000000000002.
 */

export type MajorToMinorResult =
  | { ok: true; minor: number }
  | { ok: false; message: string };

/** Splits a finite number's shortest decimal form into digits before and after the point. */
function decimalParts(value: number): { int: string; frac: string } {
  const [mantissa, exponentText] = Math.abs(value).toString().split('e');
  const exponent = exponentText ? Number(exponentText) : 0;
  const [intPart, fracPart = ''] = (mantissa as string).split('.');
  let digits = (intPart as string) + fracPart;
  let point = (intPart as string).length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  return { int, frac };
}

/**
 * Converts a major-unit amount to minor units of the currency.
 * Fails (with a message fit for a field error) on NaN, infinities, more decimals than the currency
 * has, and amounts beyond the platform's bound. Sign is kept; callers check positivity.
 */
export function majorToMinor(value: number, currency: string): MajorToMinorResult {
  if (!Number.isFinite(value)) return { ok: false, message: 'must be a finite number' };
  const digits = minorUnitDigits(currency);
  const { int, frac } = decimalParts(value);
  if (frac.length > digits) {
    return {
      ok: false,
      message: digits === 0
        ? `must be a whole number for ${currency}`
        : `must have at most ${digits} decimal places for ${currency}`,
    };
  }
  const minor = BigInt(int + frac.padEnd(digits, '0'));
  if (minor > BigInt(MAX_MINOR_AMOUNT)) {
    return { ok: false, message: `must be at most ${minorToMajor(MAX_MINOR_AMOUNT, currency)}` };
  }
  const signed = Number(minor);
  return { ok: true, minor: value < 0 ? -signed : signed };
}

/** Converts minor units to a major-unit JSON number: 19999 USD -> 199.99, 500 JPY -> 500. */
export function minorToMajor(minor: number, currency: string): number {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return minor;
  const sign = minor < 0 ? '-' : '';
  const text = Math.abs(minor).toString().padStart(digits + 1, '0');
  return Number(`${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`);
}
