import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayProblem } from '../errors/gateway-problem.js';
import { noneMatchHits, parseEntityTags } from './entity-tags.js';

test('If-Match and If-None-Match lists parse as RFC 9110 says: "*", entity-tags, weak ones, commas inside quotes', () => {
  assert.deepEqual(parseEntityTags(undefined, 'If-Match'), []);
  assert.deepEqual(parseEntityTags('  ', 'If-Match'), []);
  assert.deepEqual(parseEntityTags('*', 'If-Match'), ['*']);
  assert.deepEqual(parseEntityTags('"3"', 'If-Match'), ['"3"']);
  assert.deepEqual(parseEntityTags(' "1" , W/"2","a,b" ', 'If-None-Match'), ['"1"', 'W/"2"', '"a,b"']);
});

test('a malformed header is a 400 naming it', () => {
  for (const bad of ['3', '"3', '*, "3"', '"3",,', 'W/3', '"a" "b"']) {
    assert.throws(() => parseEntityTags(bad, 'If-Match'), (error: unknown) =>
      error instanceof GatewayProblem && error.status === 400 && error.errors[0]?.field === 'If-Match', bad);
  }
});

test('If-None-Match compares weakly; "*" matches any current representation', () => {
  assert.equal(noneMatchHits('"3"', ['"3"']), true);
  assert.equal(noneMatchHits('"3"', ['W/"3"']), true);
  assert.equal(noneMatchHits('"3"', ['"2"', '"4"']), false);
  assert.equal(noneMatchHits('"3"', ['*']), true);
  assert.equal(noneMatchHits('"3"', []), false);
});
