import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, RateLimitError } from './errors.js';
import { backoffDelayMs, isConnectionRefused, parseRetryAfter, retryDelayMs, type FailedAttempt } from './retry.js';

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
const reset = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
const httpError = (status: number, headers: Record<string, string> = {}, reason?: string) => APIError.fromResponse(
  status,
  reason ? { type: 'about:blank', title: reason, status, detail: reason, instance: '/', request_id: 'req', reason } : undefined,
  new Headers(headers),
  'req',
);
const attempt = (overrides: Partial<FailedAttempt>): FailedAttempt => ({
  policy: 'read', error: httpError(503), retriesSoFar: 0, maxRetries: 2, ...overrides,
});
const connectionError = (cause: unknown) => new APIConnectionError({ request_id: 'r', cause });
const timeout = () => new APIConnectionTimeoutError({ request_id: 'r', timeoutMs: 10 });
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

describe('retryDelayMs: reads (GET)', () => {
  it('retry connection errors, timeouts, 408, 429, 500, 502, 503 and 504', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      assert.equal(retryDelayMs(attempt({ error: httpError(status) }), noJitter), 500, String(status));
    }
    assert.equal(retryDelayMs(attempt({ error: connectionError(reset()) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ error: timeout() }), noJitter), 500);
  });
  it('other statuses are final', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 413, 422, 501]) {
      assert.equal(retryDelayMs(attempt({ error: httpError(status) })), undefined, String(status));
    }
  });
  it('x-should-retry overrides the status either way', () => {
    assert.equal(retryDelayMs(attempt({ error: httpError(400, { 'x-should-retry': 'true' }) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'x-should-retry': 'false' }) })), undefined);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'x-should-retry': 'maybe' }) }), noJitter), 500);
  });
  it('a caller abort is final', () => {
    assert.equal(retryDelayMs(attempt({ error: new APIUserAbortError({ request_id: 'r' }) })), undefined);
  });
  it('stops after maxRetries', () => {
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 2, maxRetries: 2 })), undefined);
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 0, maxRetries: 0 })), undefined);
    assert.equal(retryDelayMs(attempt({ retriesSoFar: 1, maxRetries: 2 }), noJitter), 1000);
    assert.equal(retryDelayMs(attempt({ error: httpError(400, { 'x-should-retry': 'true' }), retriesSoFar: 2 })), undefined);
  });
});

describe('retryDelayMs: keyed writes (POST, PATCH: one Idempotency-Key across retries)', () => {
  const keyed = { policy: 'keyed-write' as const };
  it('retry like reads', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(status) }), noJitter), 500, String(status));
    }
    assert.equal(retryDelayMs(attempt({ ...keyed, error: connectionError(reset()) }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: timeout() }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(503, { 'x-should-retry': 'false' }) })), undefined);
  });
  it('retry a 409 only while the first request with the key is running (IDEMPOTENCY_KEY_IN_USE)', () => {
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(409, {}, 'IDEMPOTENCY_KEY_IN_USE') }), noJitter), 500);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(409, { 'retry-after': '2' }, 'IDEMPOTENCY_KEY_IN_USE') })), 2000);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(409, {}, 'INSUFFICIENT_STOCK') })), undefined);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(409) })), undefined);
    assert.equal(retryDelayMs(attempt({ ...keyed, error: httpError(422, {}, 'IDEMPOTENCY_KEY_REUSED') })), undefined);
    assert.equal(retryDelayMs(attempt({ error: httpError(409, {}, 'IDEMPOTENCY_KEY_IN_USE') })), undefined, 'reads carry no key');
  });
});

describe('retryDelayMs: unkeyed writes (DELETE)', () => {
  const unkeyed = { policy: 'unkeyed-write' as const };
  it('retry only a refused connection (the request never reached the server)', () => {
    assert.equal(retryDelayMs(attempt({ ...unkeyed, error: connectionError(refused()) }), noJitter), 500);
    for (const error of [httpError(503), httpError(429, { 'retry-after': '1' }), httpError(500, { 'x-should-retry': 'true' }), connectionError(reset()), timeout()]) {
      assert.equal(retryDelayMs(attempt({ ...unkeyed, error })), undefined, error.message);
    }
  });
});

describe('retryDelayMs: how long', () => {
  it('honours Retry-After over the backoff, up to 60 s', () => {
    assert.equal(retryDelayMs(attempt({ error: httpError(429, { 'retry-after': '3' }) }), noJitter), 3000);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after': '0' }) }), noJitter), 0);
    assert.equal(retryDelayMs(attempt({ error: httpError(429, { 'retry-after': '61' }) })), undefined);
    const error = httpError(429, { 'retry-after': 'garbage' });
    assert.ok(error instanceof RateLimitError);
    assert.equal(retryDelayMs(attempt({ error }), noJitter), 500);
  });
  it('honours retry-after-ms first, with the same 60 s cap', () => {
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after-ms': '1500' }) }), noJitter), 1500);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after-ms': '250', 'retry-after': '5' }) }), noJitter), 250);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after-ms': '60001' }) })), undefined);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after-ms': 'x', 'retry-after': '2' }) }), noJitter), 2000);
    assert.equal(retryDelayMs(attempt({ error: httpError(503, { 'retry-after-ms': '-5' }) }), noJitter), 500);
  });
});
