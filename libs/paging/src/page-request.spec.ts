import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePageRequest } from './page-request.js';
import { encodePageToken } from './page-token.js';

test('defaults page_size to 20 and starts at the beginning', () => {
  assert.deepEqual(parsePageRequest('product', 0, ''), { ok: true, page: { limit: 20, afterSeq: 0 } });
});

test('accepts a token of the same list', () => {
  const token = encodePageToken('product', 42);
  assert.deepEqual(parsePageRequest('product', 5, token), { ok: true, page: { limit: 5, afterSeq: 42 } });
});

test('rejects out-of-range page sizes', () => {
  for (const size of [-1, 101, 1.5]) {
    const result = parsePageRequest('product', size, '');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.violations.map((v) => v.field), ['page_size']);
  }
});

test('rejects malformed and foreign tokens', () => {
  const foreign = encodePageToken('order', 3);
  for (const token of [foreign, 'not a token', 'e30', Buffer.from('{"v":1,"k":"product","a":-4}').toString('base64url')]) {
    const result = parsePageRequest('product', 10, token);
    assert.equal(result.ok, false, token);
    assert.deepEqual(!result.ok && result.violations.map((v) => v.field), ['page_token']);
  }
});
