import { APIConnectionError, APIError, APIInvalidRequestError, APIUserAbortError } from './errors.js';

/** Backoff before retry n (1-based): 0.5 s, 1 s, 2 s, ... capped at 8 s, minus up to 25 % jitter. */
export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** A server-asked wait (Retry-After, retry-after-ms) longer than this is not waited for: the error is thrown instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How a call may be retried:
 * - `read` (GET): connection errors (timeouts included), 408, 429, 500, 502, 503, 504;
 * - `keyed-write` (POST, PATCH: one Idempotency-Key across the call's attempts, so the server
 *   replays instead of acting twice): the same, plus a 409 whose reason is IDEMPOTENCY_KEY_IN_USE
 *   (the first request with the key is still running);
 * - `unkeyed-write` (DELETE): only a refused connection, which provably never reached the server.
 * An `x-should-retry: true|false` response header overrides the status for reads and keyed writes.
 */
export type RetryPolicy = 'read' | 'keyed-write' | 'unkeyed-write';

/** What the retry loop knows about a failed attempt. */
export interface FailedAttempt {
  policy: RetryPolicy;
  error: APIError;
  /** Retries already made for this call (0 after the first attempt). */
  retriesSoFar: number;
  maxRetries: number;
}

const RETRYABLE_STATUSES = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504]);

/** The delay before the next attempt, or undefined when the error must be thrown (see RetryPolicy). */
export function retryDelayMs(attempt: FailedAttempt, random: () => number = Math.random, now = Date.now()): number | undefined {
  const { error } = attempt;
  if (attempt.retriesSoFar >= attempt.maxRetries || !shouldRetry(attempt.policy, error)) return undefined;
  const retryAfter = error.headers ? serverDelayMs(error.headers, now) : undefined;
  if (retryAfter !== undefined) return retryAfter <= MAX_RETRY_AFTER_MS ? retryAfter : undefined;
  return backoffDelayMs(attempt.retriesSoFar + 1, random);
}

function shouldRetry(policy: RetryPolicy, error: APIError): boolean {
  if (error instanceof APIUserAbortError || error instanceof APIInvalidRequestError) return false;
  const connectionError = error instanceof APIConnectionError;
  if (policy === 'unkeyed-write') return connectionError && isConnectionRefused(error.cause);
  const override = error.headers?.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  if (connectionError || RETRYABLE_STATUSES.has(error.status ?? 0)) return true;
  return policy === 'keyed-write' && error.status === 409 && error.reason === 'IDEMPOTENCY_KEY_IN_USE';
}

/** The wait the server asks for: `retry-after-ms` (ms), else `Retry-After` (seconds or HTTP date). */
function serverDelayMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.round(Number(ms));
  return parseRetryAfter(headers.get('retry-after'), now);
}

/** Exponential backoff with jitter for retry `n` (1-based). */
export function backoffDelayMs(n: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (n - 1), MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - 0.25 * random()));
}

/** Retry-After as delay-seconds or an HTTP date, in ms (>= 0); undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    const seconds = Number(value);
    return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  }
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * True when ECONNREFUSED appears anywhere in an error's cause chain (undici wraps the socket error
 * as `TypeError('fetch failed', { cause })`, sometimes inside an AggregateError per address).
 */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 8) return false;
  if ((error as { code?: unknown }).code === 'ECONNREFUSED') return true;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((inner) => isConnectionRefused(inner, depth + 1))) return true;
  return isConnectionRefused((error as { cause?: unknown }).cause, depth + 1);
}

/** Resolves after `ms`, or rejects with an APIUserAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, requestId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError({ request_id: requestId, cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
