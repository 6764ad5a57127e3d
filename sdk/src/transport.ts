import createClient, { type Client } from 'openapi-fetch';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from './errors.js';
import type { paths } from './gen/schema.js';
import { retryDelayMs, sleep } from './retry.js';

/** The fetch the SDK calls; `globalThis.fetch` by default. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Per-call options accepted by every method. */
export interface RequestOptions {
  /** Aborts the call, including waits between retries. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout; overrides the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** X-Request-Id to send (kept across retries); a random UUID when absent. */
  requestId?: string | undefined;
}

/** Options of creating calls (POST). */
export interface CreateRequestOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key`, the same value on every retry of this call. With a key a POST is
   * retried like a GET (connection errors, 429, 503); without one only on connection refused.
   */
  idempotencyKey?: string | undefined;
}

/** What one openapi-fetch call resolves to (bodies read as text: the transport parses JSON itself). */
interface FetchResult { data?: unknown; error?: unknown; response: Response }
/** Options every openapi-fetch call gets from the transport. */
interface SendInit { signal: AbortSignal; headers: Record<string, string>; parseAs: 'text' }
type Send = (init: SendInit) => Promise<FetchResult>;

/** @internal */
export interface TransportOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  fetch?: FetchLike | undefined;
}

/** Runs typed openapi-fetch calls with headers, per-attempt timeouts, retries and error mapping. @internal */
export class Transport {
  readonly http: Client<paths>;

  constructor(private readonly options: TransportOptions) {
    const custom = options.fetch;
    this.http = createClient<paths>({
      baseUrl: options.baseUrl,
      // Looked up per call so a fetch patched after construction (tests, instrumentation) is used.
      fetch: (request: Request) => (custom ?? globalThis.fetch)(request),
    });
  }

  async call<T>(method: 'GET' | 'POST', send: Send, options: CreateRequestOptions = {}): Promise<T> {
    const requestId = options.requestId ?? newRequestId();
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Request-Id': requestId };
    if (this.options.apiKey) headers['Authorization'] = `Bearer ${this.options.apiKey}`;
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    const maxRetries = options.maxRetries ?? this.options.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    for (let retriesSoFar = 0; ; retriesSoFar++) {
      try {
        return await this.attempt(send, headers, timeoutMs, options.signal, requestId);
      } catch (error) {
        if (!(error instanceof APIError)) throw error;
        const delay = retryDelayMs({
          method, hasIdempotencyKey: options.idempotencyKey !== undefined, error, retriesSoFar, maxRetries,
        });
        if (delay === undefined) throw error;
        await sleep(delay, options.signal, requestId);
      }
    }
  }

  private async attempt<T>(
    send: Send, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal | undefined, requestId: string,
  ): Promise<T> {
    if (signal?.aborted) throw new APIUserAbortError({ request_id: requestId, cause: signal.reason });
    // One controller per attempt: it fires on the caller's signal or on this attempt's deadline.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { data, error, response } = await send({ signal: controller.signal, headers: { ...headers }, parseAs: 'text' });
      if (!response.ok) throw APIError.fromResponse(response.status, error, response.headers, requestId);
      return parseJson<T>(data, response, requestId);
    } catch (error) {
      if (error instanceof APIError) throw error;
      if (signal?.aborted) throw new APIUserAbortError({ request_id: requestId, cause: signal.reason });
      if (timedOut) throw new APIConnectionTimeoutError({ request_id: requestId, timeoutMs });
      throw new APIConnectionError({ request_id: requestId, cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** A success body that is not JSON (a proxy's HTML page, a wrong baseUrl) is an APIError, never retried. */
function parseJson<T>(text: unknown, response: Response, requestId: string): T {
  if (typeof text !== 'string' || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new APIError(response.status, undefined, `${response.status} response body is not JSON: ${text.slice(0, 100)}`, {
      request_id: response.headers.get('x-request-id') ?? requestId, headers: response.headers, cause,
    });
  }
}

/** A v4 UUID from globalThis.crypto (browsers, Node >= 19); Math.random fallback for Node 18. @internal */
export function newRequestId(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
