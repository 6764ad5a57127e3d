import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionError, APIError, APIUserAbortError, RateLimitError } from './errors.js';
import { backoffDelayMs, isConnectionRefused, parseRetryAfter, retryDelayMs, type FailedAttempt } from './retry.js';

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
const reset = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
const httpError = (status: number, headers: Record<string, string> = {}) =>
  APIError.fromResponse(status, undefined, new Headers(headers), 'req');
const attempt = (overrides: Partial<FailedAttempt>): FailedAttempt => ({
  method: 'GET', hasIdempotencyKey: false, error: httpError(503), retriesSoFar: 0, maxRetries: 2, ...overrides,
});
const noJitter = () => 0;

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter('1.5'), 1500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now), 0);
  });
  it('ignores absent or invalid values', () => {
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('-1'), undefined);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from 500 ms up to 8 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map((n) => backoffDelayMs(n, noJitter)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
  it('jitter takes off at most 25 %', () => {
    assert.equal(backoffDelayMs(2, () => 0.999999), 750);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(3);
      assert.ok(delay >= 1500 && delay <= 2000, String(delay));
    }
  });
});

describe('isConnectionRefused', () => {
  it('finds ECONNREFUSED in the cause chain', () => {
    assert.equal(isConnectionRefused(refused()), true);
    assert.equal(isConnectionRefused(new Error('x', { cause: refused() })), true);
  });
  it('finds it inside an AggregateError (one error per address)', () => {
    const aggregate = new AggregateError([new Error('a'), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]);
    assert.equal(isConnectionRefused(new TypeError('fetch failed', { cause: aggregate })), true);
  });
  it('is false for other failures', () => {
    assert.equal(isConnectionRefused(reset()), false);
    assert.equal(isConnectionRefused(undefined), false);
    assert.equal(isConnectionRefused('ECONNREFUSED'), false);
  });
});

describe('retryDelayMs: who retries', () => {
  it('GET retries 429, 503 and connection errors', () => {
    assert.equal(retryDelayMs(attempt({ error: httpError(503) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ error: httpError(429) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ error: new APIConnectionError({ request_id: 'r', cause: reset() }) }), noJitter), 500);
  });
  it('other statuses are final', () => {
    for (const status of [400, 404, 409, 500, 502, 504]) assert.equal(retryDelayMs(attempt({ error: httpError(status) })), undefined);
  });
  it('a caller abort is final', () => {
    assert.equal(retryDelayMs(attempt({ error: new APIUserAbortError({ request_id: 'r' }) })), undefined);
  });
  it('stops after maxRetries', () => {
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 2, maxRetries: 2 })), undefined);
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 0, maxRetries: 0 })), undefined);
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 1, maxRetries: 2 }), noJitter), 1000);
  });
  it('POST without an idempotency key: only connection refused', () => {
    const post = { method: 'POST' as const };
    assert.equal(retryDelayMs(attempt({ ...post, error: httpError(503) })), undefined);
    assert.equal(retryDelayMs(attempt({ ...post, error: httpError(429, { 'retry-after': '1' }) })), undefined);
    assert.equal(retryDelayMs(attempt({ ...post, error: new APIConnectionError({ request_id: 'r', cause: reset() }) })), undefined);
    assert.equal(retryDelayMs(attempt({ ...post, error: new APIConnectionError({ request_id: 'r', cause: refused() }) }), noJitter), 500);
  });
  it('POST with an idempotency key retries like a GET', () => {
    const post = { method: 'POST' as const, hasIdempotencyKey: true };
    assert.equal(retryDelayMs(attempt({ ...post, error: httpError(503) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ ...post, error: new APIConnectionError({ request_id: 'r', cause: reset() }) }), noJitter), 500);
  });
  it('honours Retry-After over the backoff, up to 60 s', () => {
    assert.equal(retryDelayMs(attempt({ error: httpError(429, { 'retry-after': '3' }) }), noJitter), 3000);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after': '0' }) }), noJitter), 0);
    assert.equal(retryDelayMs(attempt({ error: httpError(429, { 'retry-after': '61' }) })), undefined);
    const error = httpError(429, { 'retry-after': 'garbage' });
    assert.ok(error instanceof RateLimitError);
    assert.equal(retryDelayMs(attempt({ error }), noJitter), 500);
  });
});
