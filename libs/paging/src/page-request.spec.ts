import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePageRequest } from './page-request.js';
import { PageTokens } from './page-token.js';

const tokens = new PageTokens('a page token key of at least 32 bytes!');
const tokenFields = (token: string, by = tokens) => {
  const result = parsePageRequest(by, 'product', 10, token);
  return result.ok ? [] : result.violations.map((v) => v.field);
};

test('defaults page_size to 20 and starts at the beginning', () => {
  assert.deepEqual(parsePageRequest(tokens, 'product', 0, ''), { ok: true, page: { limit: 20, afterSeq: 0 } });
});

test('accepts a token of the same list, made under the same key (another instance: a replica, a restart)', () => {
  const token = tokens.encode('product', 42);
  assert.deepEqual(parsePageRequest(new PageTokens('a page token key of at least 32 bytes!'), 'product', 5, token),
    { ok: true, page: { limit: 5, afterSeq: 42 } });
});

test('rejects out-of-range page sizes', () => {
  for (const size of [-1, 101, 1.5]) {
    const result = parsePageRequest(tokens, 'product', size, '');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.violations.map((v) => v.field), ['page_size']);
  }
});

test('rejects malformed and foreign tokens: another list, another key', () => {
  const other = new PageTokens('another key, also at least 32 bytes long');
  assert.deepEqual(tokenFields(tokens.encode('order', 3)), ['page_token']);
  assert.deepEqual(tokenFields(other.encode('product', 3)), ['page_token']);
  for (const token of ['not a token', 'e30', 'e30.AAAAAAAAAAAAAAAAAAAAAA', Buffer.from('{"v":1,"k":"product","a":1}').toString('base64url')]) {
    assert.deepEqual(tokenFields(token), ['page_token'], token);
  }
});

test('an edited or truncated token is refused: the MAC covers every byte of it', () => {
  const token = tokens.encode('product', 1);
  const [payload = '', mac = ''] = token.split('.');
  const edited = Buffer.from(JSON.stringify({ v: 1, k: 'product', a: 3 })).toString('base64url');
  assert.deepEqual(tokenFields(`${edited}.${mac}`), ['page_token'], 'a: 1 -> 3 with the old MAC');
  assert.deepEqual(tokenFields(token.slice(0, -1)), ['page_token'], 'truncated');
  assert.deepEqual(tokenFields(`${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`), ['page_token'], 'MAC changed');
  assert.deepEqual(tokenFields(token), []);
});

test('a key shorter than 32 bytes is refused', () => {
  assert.throws(() => new PageTokens('short'), RangeError);
});
