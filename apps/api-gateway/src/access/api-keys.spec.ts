import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApiKeyRing, hashSecret } from './api-keys.js';

const SECRET = 'sk_live_0123456789abcdefghijklmnopqrstuv';
const OTHER = 'sk_live_vutsrqponmlkjihgfedcba9876543210';

const ring = (entries: unknown) => ApiKeyRing.parse(JSON.stringify(entries), 'API_KEYS');

test('a key is found by its secret, given as plain text or as its sha256; anything else is not', () => {
  const keys = ring([
    { id: 'shop', key: SECRET, scopes: ['orders:read', 'orders:write'] },
    { id: 'ci', sha256: createHash('sha256').update(OTHER).digest('hex'), scopes: ['products:write'] },
  ]);
  assert.deepEqual([keys.find(SECRET)?.id, [...(keys.find(SECRET)?.scopes ?? [])]], ['shop', ['orders:read', 'orders:write']]);
  assert.equal(keys.find(OTHER)?.id, 'ci');
  for (const wrong of ['', SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), hashSecret(SECRET).toString('hex')]) {
    assert.equal(keys.find(wrong), undefined, wrong);
  }
  assert.deepEqual(keys.describe(), [{ id: 'shop', scopes: ['orders:read', 'orders:write'] }, { id: 'ci', scopes: ['products:write'] }]);
  assert.equal(JSON.stringify(keys.describe()).includes(SECRET), false);
});

test('a malformed list stops start-up naming the entry and the problem, never quoting a secret', () => {
  const refused = (entries: unknown, message: RegExp) => assert.throws(() => ring(entries), (error: Error) => {
    assert.match(error.message, message);
    assert.equal(error.message.includes(SECRET) || error.message.includes('short-secret'), false, error.message);
    return true;
  });
  refused([], /API_KEYS: must list at least one key/);
  refused([{ id: 'a', key: 'short-secret', scopes: ['orders:read'] }], /API_KEYS\[0\]\.key: must be at least 32 characters/);
  refused([{ id: 'a', key: `${SECRET} x`, scopes: ['orders:read'] }], /\[0\]\.key: must be a bearer token/);
  refused([{ id: 'a', key: SECRET, sha256: 'ab'.repeat(32), scopes: ['orders:read'] }], /exactly one of "key" and "sha256"/);
  refused([{ id: 'a', sha256: 'xyz', scopes: ['orders:read'] }], /\[0\]\.sha256: must be 64 hexadecimal digits/);
  refused([{ id: 'a', key: SECRET, scopes: ['orders:delete'] }], /API_KEYS\[0\]\.scopes\[0\]: Invalid option/);
  refused([{ id: 'a', key: SECRET, scopes: [] }], /must name at least one scope/);
  refused([{ id: 'has space', key: SECRET, scopes: ['orders:read'] }], /\[0\]\.id: must be 1 to 64 letters/);
  refused([{ id: 'a', key: SECRET, scopes: ['orders:read'], admin: true }], /\[0\]/);
  refused([{ id: 'a', key: SECRET, scopes: ['orders:read'] }, { id: 'a', key: OTHER, scopes: ['orders:read'] }], /id "a" is used twice/);
  refused([{ id: 'a', key: SECRET, scopes: ['orders:read'] }, { id: 'b', key: SECRET, scopes: ['orders:read'] }], /two keys have the same secret/);
  assert.throws(() => ApiKeyRing.parse(`[{"id": "a", "key": "${SECRET}"`, 'API_KEYS'), (error: Error) =>
    /^API_KEYS is not valid JSON/.test(error.message) && !error.message.includes(SECRET));
});
