import { test } from 'node:test';
import assert from 'node:assert/strict';
import { majorToMinor, minorToMajor } from './major-units.js';

test('converts major units to exact minor units', () => {
  assert.deepEqual(majorToMinor(199.99, 'USD'), { ok: true, minor: 19999 });
  assert.deepEqual(majorToMinor(0.1, 'USD'), { ok: true, minor: 10 });
  assert.deepEqual(majorToMinor(0.3, 'USD'), { ok: true, minor: 30 });
  assert.deepEqual(majorToMinor(1e21 / 1e21, 'USD'), { ok: true, minor: 100 });
  assert.deepEqual(majorToMinor(500, 'JPY'), { ok: true, minor: 500 });
  assert.deepEqual(majorToMinor(1.234, 'KWD'), { ok: true, minor: 1234 });
  assert.deepEqual(majorToMinor(-5.5, 'USD'), { ok: true, minor: -550 });
  assert.deepEqual(majorToMinor(1e-7 * 1e7, 'USD'), { ok: true, minor: 100 });
});

test('rejects more decimals than the currency has', () => {
  const cents = majorToMinor(19.999, 'USD');
  assert.equal(cents.ok, false);
  assert.match(!cents.ok ? cents.message : '', /at most 2 decimal places for USD/);
  const yen = majorToMinor(1.5, 'JPY');
  assert.equal(yen.ok, false);
  assert.match(!yen.ok ? yen.message : '', /whole number for JPY/);
  assert.equal(majorToMinor(1e-7, 'USD').ok, false);
});

test('rejects non-finite values and amounts beyond the bound', () => {
  assert.equal(majorToMinor(Number.NaN, 'USD').ok, false);
  assert.equal(majorToMinor(Number.POSITIVE_INFINITY, 'USD').ok, false);
  assert.equal(majorToMinor(1e13, 'USD').ok, false);
  assert.deepEqual(majorToMinor(9999999999999.99, 'USD'), { ok: true, minor: 999999999999999 });
});

test('converts minor units back to major-unit numbers', () => {
  assert.equal(minorToMajor(19999, 'USD'), 199.99);
  assert.equal(minorToMajor(5, 'USD'), 0.05);
  assert.equal(minorToMajor(13993, 'USD'), 139.93);
  assert.equal(minorToMajor(500, 'JPY'), 500);
  assert.equal(minorToMajor(999999999999999, 'USD'), 9999999999999.99);
  assert.equal(minorToMajor(-550, 'USD'), -5.5);
});

test('round-trips every cent value exactly', () => {
  for (let minor = 0; minor < 100_000; minor += 7) {
    const back = majorToMinor(minorToMajor(minor, 'USD'), 'USD');
    assert.deepEqual(back, { ok: true, minor });
  }
});
