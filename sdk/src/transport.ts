import { createQuerySerializer } from 'openapi-fetch';
import { headerValueProblem, maxRetriesProblem, timeoutProblem } from './config.js';
import {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIInvalidRequestError, APIUserAbortError,
} from './errors.js';
import { receive, type FetchLike, type Received } from './fetch.js';
import { path } from './path.js';
import { retryDelayMs, sleep, type RetryPolicy } from './retry.js';
import { randomUUID } from './uuid.js';

export type { FetchLike } from './fetch.js';

/** Per-call options accepted by every method. */
export interface RequestOptions {
  /** Aborts the call, including waits between retries. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms; overrides the client's `timeoutMs` (same limits: > 0, <= 2^31 - 1). */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** X-Request-Id to send (kept across retries; Latin-1, no line breaks); a random UUID when absent. */
  requestId?: string | undefined;
}

/** Options of the calls that create, update or cancel (POST, PATCH). */
export interface CreateRequestOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key`, the same value on every attempt of this call, so that a retried
   * write is answered by the server as a replay instead of acting twice. A random UUID when absent.
   */
  idempotencyKey?: string | undefined;
}

/** The HTTP methods the transport sends. @internal */
export type HTTPMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a resource method sends besides its path template: path parameters, query and JSON body. @internal */
export interface CallParams {
  /** Values of the template's `{name}` placeholders (see `path`). */
  path?: Record<string, string> | undefined;
  query?: object | undefined;
  body?: unknown;
}

/** @internal */
export interface TransportOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  fetch?: FetchLike | undefined;
}

/** Writes that the server deduplicates by Idempotency-Key (POST, PATCH) are keyed; DELETE is not. */
const POLICIES: Record<HTTPMethod, RetryPolicy> = {
  GET: 'read', POST: 'keyed-write', PATCH: 'keyed-write', DELETE: 'unkeyed-write',
};

/** Query strings in the OpenAPI default style (form, exploded), as the gateway reads them. */
const serializeQuery = createQuerySerializer();

/**
 * Sends requests: URL, headers and JSON body, per-attempt timeouts, retries and error mapping.
 * Resources call `get` / `post` / `patch` / `delete` with the spec's path template, e.g.
 * `transport.post<Order>('/orders/{id}/cancel', { path: { id } }, options)`. @internal
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #baseUrl: string;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  get<T>(template: string, params?: CallParams, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', template, params, options);
  }

  post<T>(template: string, params?: CallParams, options?: CreateRequestOptions): Promise<T> {
    return this.request<T>('POST', template, params, options);
  }

  patch<T>(template: string, params?: CallParams, options?: CreateRequestOptions): Promise<T> {
    return this.request<T>('PATCH', template, params, options);
  }

  delete<T>(template: string, params?: CallParams, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', template, params, options);
  }

  async request<T>(method: HTTPMethod, template: string, params: CallParams = {}, options: CreateRequestOptions = {}): Promise<T> {
    const url = this.#url(template, params);
    checkCallOptions(options);
    const requestId = options.requestId ?? randomUUID();
    const headers: Record<string, string> = { accept: 'application/json', 'x-request-id': requestId };
    if (this.#options.apiKey) headers['authorization'] = `Bearer ${this.#options.apiKey}`;
    const policy = POLICIES[method];
    if (policy === 'keyed-write') headers['idempotency-key'] = options.idempotencyKey ?? randomUUID();
    const body = params.body === undefined ? undefined : JSON.stringify(params.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const maxRetries = options.maxRetries ?? this.#options.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
    for (let retriesSoFar = 0; ; retriesSoFar++) {
      try {
        const received = await this.#attempt({ url, method, headers, body, timeoutMs, signal: options.signal, requestId });
        return parseJson<T>(received, requestId);
      } catch (error) {
        if (!(error instanceof APIError)) throw error;
        const delay = retryDelayMs({ policy, error, retriesSoFar, maxRetries });
        if (delay === undefined) throw error;
        await sleep(delay, options.signal, requestId);
      }
    }
  }

  #url(template: string, params: CallParams): string {
    const query = params.query ? serializeQuery(params.query as Record<string, unknown>) : '';
    return `${this.#baseUrl}${path(template, params.path ?? {})}${query ? `?${query}` : ''}`;
  }

  /** One attempt: fetch, read the whole response within `timeoutMs`, map a non-2xx to its APIError. */
  async #attempt(attempt: {
    url: string; method: HTTPMethod; headers: Record<string, string>; body: string | undefined;
    timeoutMs: number; signal: AbortSignal | undefined; requestId: string;
  }): Promise<Received> {
    const { signal, requestId, timeoutMs } = attempt;
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
      const fetch = this.#options.fetch ?? globalThis.fetch;
      const init = { method: attempt.method, headers: { ...attempt.headers }, signal: controller.signal };
      const response = await receive(await fetch(attempt.url, attempt.body === undefined ? init : { ...init, body: attempt.body }));
      if (response.status < 200 || response.status > 299) {
        throw APIError.fromResponse(response.status, parseErrorBody(response.body), response.headers, requestId);
      }
      return response;
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

/** Per-call options that would fail in fetch or in the timer are refused before anything is sent. */
function checkCallOptions(options: CreateRequestOptions): void {
  const problem = (options.timeoutMs === undefined ? undefined : timeoutProblem(options.timeoutMs))
    ?? (options.maxRetries === undefined ? undefined : maxRetriesProblem(options.maxRetries))
    ?? (options.requestId === undefined ? undefined : headerValueProblem(options.requestId, 'requestId'))
    ?? (options.idempotencyKey === undefined ? undefined : headerValueProblem(options.idempotencyKey, 'idempotencyKey'));
  if (problem) throw new APIInvalidRequestError(`options.${problem}`);
}

/** An error body: the problem+json object when it is JSON, else its text. */
function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A success body that is not JSON (a proxy's HTML page, a wrong baseUrl) is an APIError, never retried. */
function parseJson<T>(response: Received, requestId: string): T {
  const text = response.body;
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new APIError(response.status, undefined, `${response.status} response body is not JSON: ${text.slice(0, 100)}`, {
      request_id: response.headers.get('x-request-id') ?? requestId, headers: response.headers, cause,
    });
  }
}
