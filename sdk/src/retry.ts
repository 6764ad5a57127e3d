import { APIConnectionError, APIError, APIUserAbortError } from './errors.js';

/** Backoff before retry n (1-based): 0.5 s, 1 s, 2 s, ... capped at 8 s, minus up to 25 % jitter. */
export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for: the error is thrown instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** What the retry loop knows about a failed attempt. */
export interface FailedAttempt {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Whether the call carries an Idempotency-Key (the server then deduplicates a replayed POST). */
  hasIdempotencyKey: boolean;
  error: APIError;
  /** Retries already made for this call (0 after the first attempt). */
  retriesSoFar: number;
  maxRetries: number;
}

/**
 * The delay before the next attempt, or undefined when the error must be thrown. Retryable
 * failures are connection errors (timeouts included), 429 and 503. A GET retries on any of them;
 * a POST without an idempotency key only when the request provably never reached the server
 * (connection refused), since a replay could create a second product or order.
 */
export function retryDelayMs(attempt: FailedAttempt, random: () => number = Math.random, now = Date.now()): number | undefined {
  const { error } = attempt;
  if (attempt.retriesSoFar >= attempt.maxRetries || error instanceof APIUserAbortError) return undefined;
  const connectionError = error instanceof APIConnectionError;
  if (!connectionError && error.status !== 429 && error.status !== 503) return undefined;
  const replaySafe = attempt.method === 'GET' || attempt.hasIdempotencyKey
    || (connectionError && isConnectionRefused(error.cause));
  if (!replaySafe) return undefined;
  const retryAfter = error.headers ? parseRetryAfter(error.headers.get('retry-after'), now) : undefined;
  if (retryAfter !== undefined) return retryAfter <= MAX_RETRY_AFTER_MS ? retryAfter : undefined;
  return backoffDelayMs(attempt.retriesSoFar + 1, random);
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
