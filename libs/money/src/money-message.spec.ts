import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MINOR_AMOUNT } from './amount.js';
import { fromMoneyMessage, toMoneyMessage } from './money-message.js';

test('money crosses the wire as int64 strings, both ways, exactly', () => {
  assert.deepEqual(fromMoneyMessage({ amountMinor: '19999', currency: 'USD' }), { minor: 19999, currency: 'USD' });
  assert.deepEqual(toMoneyMessage({ minor: MAX_MINOR_AMOUNT, currency: 'JPY' }), { amountMinor: '999999999999999', currency: 'JPY' });
  assert.deepEqual(fromMoneyMessage(toMoneyMessage({ minor: 1234, currency: 'KWD' })), { minor: 1234, currency: 'KWD' });
});

test('a message that breaks the money contract is refused', () => {
  for (const message of [undefined, { amountMinor: '9223372036854775807', currency: 'USD' }, { amountMinor: '-1', currency: 'USD' },
    { amountMinor: '1.5', currency: 'USD' }, { amountMinor: '100', currency: 'usd' }, { amountMinor: '100', currency: 'XYZ' }]) {
    assert.equal(fromMoneyMessage(message), undefined, JSON.stringify(message));
  }
});
