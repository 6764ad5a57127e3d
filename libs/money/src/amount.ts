/**
 * Exact money arithmetic in integer minor units.
 *
 * The platform's bound: every amount and every computed total is at most MAX_MINOR_AMOUNT
 * = 999 999 999 999 999 minor units (15 digits, below Number.MAX_SAFE_INTEGER). Fifteen significant
 * digits is what an IEEE double carries exactly, so any amount within the bound survives being a
 * JavaScript number in minor units AND a JSON number in major units (9999999999999.99 USD).
 * Arithmetic that could exceed it is done in bigint and checked.
 */
export const MAX_MINOR_AMOUNT = 999_999_999_999_999;
const MAX_BIG = BigInt(MAX_MINOR_AMOUNT);

/**
 * Parses a decimal string of minor units (as ts-proto hands int64 fields over) into a number.
 * Returns undefined when it is not an integer string or lies outside 0..MAX_MINOR_AMOUNT.
 */
export function parseMinorAmount(text: string): number | undefined {
  if (!/^-?\d{1,30}$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value < 0n || value > MAX_BIG) return undefined;
  return Number(value);
}

/**
 * unitMinor x quantity, exact. Returns undefined when the product exceeds MAX_MINOR_AMOUNT.
 * @example multiplyMinor(1999, 7) === 13993 // 19.99 x 7 = 139.93
 */
export function multiplyMinor(unitMinor: number, quantity: number): number | undefined {
  const total = BigInt(unitMinor) * BigInt(quantity);
  return total > MAX_BIG ? undefined : Number(total);
}
