import { checkBaseUrl, headersProblem, headerValueProblem, maxRetriesProblem, queryProblem, timeoutProblem } from './config.js';
import type { FetchLike } from './fetch.js';
import { mergeHeaders } from './headers.js';
import { isLogger, isLogLevel, levelled, type Logger, type LogLevel } from './logger.js';
import { Orders } from './resources/orders.js';
import { Products } from './resources/products.js';
import { Transport } from './transport.js';

/** Settings of an EcommerceClient. */
export interface ClientOptions {
  /** Gateway URL: absolute http(s), e.g. "http://127.0.0.1:8000" (a path prefix is kept; no query). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  apiKey?: string | undefined;
  /** Per-attempt timeout in ms (connect, headers and body), > 0 and <= 2^31 - 1. @default 60000 */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, an integer >= 0 (see README, "Retries"). @default 2 */
  maxRetries?: number | undefined;
  /** fetch to call instead of `globalThis.fetch`, as `fetch(url, init)` (undici, node-fetch, proxies, tests). */
  fetch?: FetchLike | undefined;
  /** Headers sent with every call (a call's `headers` override them; names in any case). @default {} */
  defaultHeaders?: Record<string, string> | undefined;
  /** Query parameters sent with every call (a call's `query` and its own parameters override them). @default {} */
  defaultQuery?: Record<string, unknown> | undefined;
  /** Where log lines go: any console-like object. @default globalThis.console */
  logger?: Logger | undefined;
  /** How much to log: 'off', 'error' (failures), 'warn' (+ retries), 'info' (+ calls), 'debug' (+ attempts). @default 'off' */
  logLevel?: LogLevel | undefined;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Typed client of the ecommerce REST API.
 * @example
 * const client = new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000' });
 * const product = await client.products.create({ name: 'Mug', description: '', price: 9.5 });
 */
export class EcommerceClient {
  /** Products: create, get, list. */
  readonly products: Products;
  /** Orders: create, get, list. */
  readonly orders: Orders;
  readonly #options: ClientOptions;

  /**
   * @param options.baseUrl gateway URL, absolute http(s)
   * @param [options.apiKey] bearer token, sent when given
   * @param [options.timeoutMs=60000] per-attempt timeout
   * @param [options.maxRetries=2] retries of retryable failures
   * @param [options.fetch=globalThis.fetch] fetch implementation
   * @param [options.defaultHeaders={}] headers of every call
   * @param [options.defaultQuery={}] query parameters of every call
   * @param [options.logger=globalThis.console] console-like logger
   * @param [options.logLevel='off'] how much to log
   * @throws TypeError / RangeError naming the option when one is invalid
   */
  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('EcommerceClient: options with a baseUrl are required');
    const baseUrl = checkBaseUrl(options.baseUrl);
    if ('problem' in baseUrl) throw new TypeError(`EcommerceClient: options.${baseUrl.problem}`);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const range = maxRetriesProblem(maxRetries) ?? timeoutProblem(timeoutMs);
    if (range) throw new RangeError(`EcommerceClient: options.${range}`);
    const problem = typeProblem(options);
    if (problem) throw new TypeError(`EcommerceClient: options.${problem}`);
    this.#options = options;
    const transport = new Transport({
      baseUrl: baseUrl.url, apiKey: options.apiKey, fetch: options.fetch, maxRetries, timeoutMs,
      defaultHeaders: mergeHeaders(options.defaultHeaders), defaultQuery: options.defaultQuery,
      logger: levelled(options.logger ?? globalThis.console, options.logLevel ?? 'off'),
    });
    this.products = new Products(transport);
    this.orders = new Orders(transport);
  }

  /**
   * A new client with these options over this client's: `defaultHeaders` and `defaultQuery` are
   * merged (the new values win), every other option given replaces this client's. This client is
   * unchanged. @throws like the constructor
   * @example const patient = client.withOptions({ timeoutMs: 120_000, maxRetries: 5 });
   */
  withOptions(options: Partial<ClientOptions>): EcommerceClient {
    const current = this.#options;
    return new EcommerceClient({
      ...current,
      ...options,
      defaultHeaders: mergeHeaders(current.defaultHeaders, options.defaultHeaders),
      defaultQuery: { ...current.defaultQuery, ...options.defaultQuery },
    });
  }
}

function typeProblem(options: ClientOptions): string | undefined {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') return `fetch must be a function; got ${typeof options.fetch}`;
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    return `logLevel must be 'off', 'error', 'warn', 'info' or 'debug'; got ${JSON.stringify(options.logLevel)}`;
  }
  if (options.logger !== undefined && !isLogger(options.logger)) return 'logger must have error, warn, info and debug methods';
  return (options.apiKey === undefined ? undefined : headerValueProblem(options.apiKey, 'apiKey'))
    ?? (options.defaultHeaders === undefined ? undefined : headersProblem(options.defaultHeaders, 'defaultHeaders'))
    ?? (options.defaultQuery === undefined ? undefined : queryProblem(options.defaultQuery, 'defaultQuery'));
}
