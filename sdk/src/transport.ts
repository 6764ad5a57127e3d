import { createQuerySerializer } from 'openapi-fetch';
import { APIPromise, type RawResponse } from './api-promise.js';
import { headersProblem, headerValueProblem, maxRetriesProblem, queryProblem, timeoutProblem } from './config.js';
import { sendAttempt, type HTTPMethod, type Prepared } from './attempt.js';
import { parseJson } from './body.js';
import { APIError, APIInvalidRequestError } from './errors.js';
import type { FetchLike } from './fetch.js';
import { VERSION } from './gen/version.js';
import { mergeHeaders, userAgent } from './headers.js';
import { levelled, type Logger } from './logger.js';
import { PagePromise, type Page } from './pagination.js';
import { path } from './path.js';
import { retryDelayMs, sleep, type RetryPolicy } from './retry.js';
import { randomUUID } from './uuid.js';

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
  /** Headers for this call, over the client's `defaultHeaders` (names in any case). */
  headers?: Record<string, string> | undefined;
  /** Query parameters for this call, over the client's `defaultQuery`; the method's own query wins. */
  query?: Record<string, unknown> | undefined;
}

/** Options of the calls that create, update or cancel (POST, PATCH). */
export interface CreateRequestOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key`, the same value on every attempt of this call, so that a retried
   * write is answered by the server as a replay instead of acting twice. A random UUID when absent.
   */
  idempotencyKey?: string | undefined;
}


/** Options of the calls that change a resource only if it is still as read (PATCH, DELETE, PUT). */
export interface ConditionalRequestOptions extends RequestOptions {
  /**
   * Sent as `If-Match`: the entity-tag you read (a result's `etag`, e.g. "\"3\""), or "*". The
   * change applies only if the resource is still at it; otherwise the call fails with
   * PreconditionFailedError (412, reason ETAG_MISMATCH) and nothing changes. Without it the last
   * writer wins.
   */
  ifMatch?: string | undefined;
}

/** Options of a conditional keyed write (PATCH): an If-Match and an Idempotency-Key. */
export interface ConditionalWriteOptions extends ConditionalRequestOptions, CreateRequestOptions {}

/** `options` with `ifMatch` moved into its headers. @internal */
export function withIfMatch<O extends ConditionalRequestOptions>(options: O | undefined): O | undefined {
  if (options?.ifMatch === undefined) return options;
  const { ifMatch, ...rest } = options;
  return { ...rest, headers: { ...rest.headers, 'If-Match': ifMatch } } as unknown as O;
}

/** What a resource method sends besides its path template: path parameters, query and JSON body. @internal */
export interface CallParams {
  /** Values of the template's `{name}` placeholders (see `path`). */
  path?: Record<string, string> | undefined;
  query?: object | undefined;
  body?: unknown;
}

/** @internal */
export interface TransportOptions {
  /** Absolute http(s) URL without trailing slash. */
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  fetch?: FetchLike | undefined;
  defaultHeaders?: Record<string, string> | undefined;
  defaultQuery?: Record<string, unknown> | undefined;
  /** Already levelled (see `levelled`); silent when absent. */
  logger?: Logger | undefined;
}

/**
 * Writes that the server deduplicates by Idempotency-Key (POST, PATCH) are keyed; DELETE and PUT
 * are not (a retried DELETE or conditional PUT that had already applied would answer 404 or 412).
 */
const POLICIES: Record<HTTPMethod, RetryPolicy> = {
  GET: 'read', POST: 'keyed-write', PATCH: 'keyed-write', PUT: 'unkeyed-write', DELETE: 'unkeyed-write',
};

/** Query strings in the OpenAPI default style (form, exploded), as the gateway reads them. */
const serializeQuery = /* @__PURE__ */ createQuerySerializer();

/**
 * Sends requests: URL, headers and JSON body, per-attempt timeouts, retries and error mapping.
 * Resources name the method once, with the spec's path template, e.g.
 * `transport.post<Order>('/orders/{id}/cancel', { path: { id } }, options)`. @internal
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #log: Logger;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#log = options.logger ?? levelled(globalThis.console, 'off');
  }

  get<T>(template: string, params?: CallParams, options?: RequestOptions): APIPromise<T> {
    return this.request<T>('GET', template, params, options);
  }

  post<T>(template: string, params?: CallParams, options?: CreateRequestOptions): APIPromise<T> {
    return this.request<T>('POST', template, params, options);
  }

  patch<T>(template: string, params?: CallParams, options?: CreateRequestOptions): APIPromise<T> {
    return this.request<T>('PATCH', template, params, options);
  }

  put<T>(template: string, params?: CallParams, options?: RequestOptions): APIPromise<T> {
    return this.request<T>('PUT', template, params, options);
  }

  delete<T>(template: string, params?: CallParams, options?: RequestOptions): APIPromise<T> {
    return this.request<T>('DELETE', template, params, options);
  }

  request<T>(method: HTTPMethod, template: string, params: CallParams = {}, options: CreateRequestOptions = {}): APIPromise<T> {
    return new APIPromise<T>(this.send(method, template, params, options), parseJson<T>);
  }

  /** A GET of one list page: `toPage` turns the parsed body into the page. */
  getPage<Body, Item>(
    template: string, params: CallParams, options: RequestOptions | undefined, toPage: (body: Body) => Page<Body, Item>,
  ): PagePromise<Body, Item> {
    return new PagePromise<Body, Item>(this.send('GET', template, params, options ?? {}), (raw) => toPage(parseJson<Body>(raw)));
  }

  /** Sends a call (retrying as its policy allows) and resolves its successful response, unparsed. */
  async send(method: HTTPMethod, template: string, params: CallParams, options: CreateRequestOptions): Promise<RawResponse> {
    const prepared = this.#prepare(method, template, params, options);
    const log = this.#log;
    for (let attempt = 1; ; attempt++) {
      try {
        const received = await sendAttempt(prepared, attempt, this.#options.fetch ?? globalThis.fetch, log);
        log.info(`${method} ${prepared.target} -> ${received.status} after ${attempt} attempt${attempt === 1 ? '' : 's'}`, {
          method, url: prepared.url, request_id: prepared.requestId, status: received.status, attempts: attempt,
        });
        return { received, request_id: received.headers.get('x-request-id') || prepared.requestId };
      } catch (error) {
        if (!(error instanceof APIError)) throw error;
        const delay = retryDelayMs({ policy: prepared.policy, error, retriesSoFar: attempt - 1, maxRetries: prepared.maxRetries });
        if (delay === undefined) {
          log.error(`${method} ${prepared.target} failed: ${error.message}`, {
            method, url: prepared.url, request_id: prepared.requestId, status: error.status, reason: error.reason, attempts: attempt,
          });
          throw error;
        }
        log.warn(`retrying ${method} ${prepared.target} in ${delay} ms (attempt ${attempt + 1} of ${prepared.maxRetries + 1}): ${describe(error)}`, {
          method, url: prepared.url, request_id: prepared.requestId, attempt, nextAttempt: attempt + 1, delayMs: delay, reason: describe(error),
        });
        await sleep(delay, prepared.signal, prepared.requestId);
      }
    }
  }

  /** Everything that does not change between attempts; an invalid option throws APIInvalidRequestError. */
  #prepare(method: HTTPMethod, template: string, params: CallParams, options: CreateRequestOptions): Prepared {
    checkCallOptions(options);
    const client = this.#options;
    const query = serializeQuery({ ...client.defaultQuery, ...options.query, ...params.query });
    const target = `${path(template, params.path ?? {})}${query ? `?${query}` : ''}`;
    const body = params.body === undefined ? undefined : JSON.stringify(params.body);
    const agent = userAgent(VERSION);
    const headers = mergeHeaders(
      { accept: 'application/json' },
      agent === undefined ? undefined : { 'user-agent': agent },
      body === undefined ? undefined : { 'content-type': 'application/json' },
      client.apiKey ? { authorization: `Bearer ${client.apiKey}` } : undefined,
      client.defaultHeaders,
      options.headers,
    );
    // The ids given as options win over the same headers; either way one value for every attempt.
    const requestId = options.requestId ?? headers['x-request-id'] ?? randomUUID();
    headers['x-request-id'] = requestId;
    const policy = POLICIES[method];
    if (policy === 'keyed-write') headers['idempotency-key'] = options.idempotencyKey ?? headers['idempotency-key'] ?? randomUUID();
    return {
      method, url: `${client.baseUrl}${target}`, target, headers, body, requestId, policy,
      timeoutMs: options.timeoutMs ?? client.timeoutMs,
      maxRetries: options.maxRetries ?? client.maxRetries,
      signal: options.signal,
    };
  }
}

/** Why an attempt failed, for log lines: "503 UNAVAILABLE", "Connection error.". */
function describe(error: APIError): string {
  return error.status === undefined ? error.message : `${error.status}${error.reason ? ` ${error.reason}` : ''}`;
}

/** Per-call options that would fail in fetch or in the timer are refused before anything is sent. */
function checkCallOptions(options: CreateRequestOptions): void {
  const problem = (options.timeoutMs === undefined ? undefined : timeoutProblem(options.timeoutMs))
    ?? (options.maxRetries === undefined ? undefined : maxRetriesProblem(options.maxRetries))
    ?? (options.requestId === undefined ? undefined : headerValueProblem(options.requestId, 'requestId'))
    ?? (options.idempotencyKey === undefined ? undefined : headerValueProblem(options.idempotencyKey, 'idempotencyKey'))
    ?? (options.headers === undefined ? undefined : headersProblem(options.headers, 'headers'))
    ?? (options.query === undefined ? undefined : queryProblem(options.query, 'query'));
  if (problem) throw new APIInvalidRequestError(`options.${problem}`);
}
