import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { MAX_MINOR_AMOUNT, multiplyMinor, parseMinorAmount } from './amount.js';
import { ISO_4217_PUBLISHED, NO_MINOR_UNIT, isValidCurrency, minorUnitDigits } from './currency.js';

test('multiplies exactly in minor units', () => {
  assert.equal(multiplyMinor(10, 3), 30); // 0.10 x 3 = 0.30
  assert.equal(multiplyMinor(1999, 7), 13993); // 19.99 x 7 = 139.93
  assert.equal(multiplyMinor(19999, 2), 39998);
});

test('refuses a total beyond the bound', () => {
  assert.equal(multiplyMinor(MAX_MINOR_AMOUNT, 1), MAX_MINOR_AMOUNT);
  assert.equal(multiplyMinor(MAX_MINOR_AMOUNT, 2), undefined);
  assert.equal(multiplyMinor(100_000_000_000_000, 10), undefined);
});

test('parses int64 strings within the bound only', () => {
  assert.equal(parseMinorAmount('19999'), 19999);
  assert.equal(parseMinorAmount('0'), 0);
  assert.equal(parseMinorAmount(String(MAX_MINOR_AMOUNT)), MAX_MINOR_AMOUNT);
  assert.equal(parseMinorAmount(String(MAX_MINOR_AMOUNT + 1)), undefined);
  assert.equal(parseMinorAmount('9223372036854775807'), undefined);
  assert.equal(parseMinorAmount('-1'), undefined);
  assert.equal(parseMinorAmount('1.5'), undefined);
  assert.equal(parseMinorAmount(''), undefined);
});

test('validates ISO 4217 codes against the ISO 4217 list, with its minor units', () => {
  assert.equal(isValidCurrency('USD'), true);
  assert.equal(isValidCurrency('EUR'), true);
  assert.equal(isValidCurrency('usd'), false);
  assert.equal(isValidCurrency('XYZ'), false);
  assert.equal(isValidCurrency('US'), false);
  assert.equal(minorUnitDigits('USD'), 2);
  assert.equal(minorUnitDigits('JPY'), 0);
  assert.equal(minorUnitDigits('KWD'), 3);
  // Where CLDR (Intl) and ISO 4217 disagree, ISO 4217 decides.
  assert.deepEqual(['HUF', 'IDR', 'COP', 'PKR', 'LBP', 'IQD', 'CLF', 'UYW'].map(minorUnitDigits), [2, 2, 2, 2, 2, 3, 4, 4]);
  assert.equal(isValidCurrency('CLF'), true);
  assert.equal(isValidCurrency('UYW'), true);
  assert.equal(isValidCurrency('XAU'), false, 'no minor unit: not a currency a price is in');
});

test('the codes without a minor unit are exactly those the ISO 4217 XML in currency-codes marks N.A.', () => {
  const xml = readFileSync(join(WORKSPACE_ROOT, 'node_modules/currency-codes/iso-4217-list-one.xml'), 'utf8');
  const marked = new Set([...xml.matchAll(/<Ccy>(\w{3})<\/Ccy>\s*<CcyNbr>\d+<\/CcyNbr>\s*<CcyMnrUnts>N\.A\.<\/CcyMnrUnts>/g)].map((m) => m[1]));
  assert.deepEqual([...NO_MINOR_UNIT].sort(), [...marked].sort());
  assert.match(ISO_4217_PUBLISHED, /^\d{4}-\d{2}-\d{2}$/);
});
