import { Orders } from './resources/orders.js';
import { Products } from './resources/products.js';
import { checkBaseUrl, headerValueProblem, maxRetriesProblem, timeoutProblem } from './config.js';
import type { FetchLike } from './fetch.js';
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

  /**
   * @param options.baseUrl gateway URL, absolute http(s)
   * @throws TypeError / RangeError naming the option when one is invalid
   * @param [options.apiKey] bearer token, sent when given
   * @param [options.timeoutMs=60000] per-attempt timeout
   * @param [options.maxRetries=2] retries of retryable failures
   * @param [options.fetch=globalThis.fetch] fetch implementation
   */
  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('EcommerceClient: options with a baseUrl are required');
    const baseUrl = checkBaseUrl(options.baseUrl);
    if ('problem' in baseUrl) throw new TypeError(`EcommerceClient: options.${baseUrl.problem}`);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const range = maxRetriesProblem(maxRetries) ?? timeoutProblem(timeoutMs);
    if (range) throw new RangeError(`EcommerceClient: options.${range}`);
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new TypeError(`EcommerceClient: options.fetch must be a function; got ${typeof options.fetch}`);
    }
    const apiKey = options.apiKey === undefined ? undefined : headerValueProblem(options.apiKey, 'apiKey');
    if (apiKey) throw new TypeError(`EcommerceClient: options.${apiKey}`);
    const transport = new Transport({
      baseUrl: baseUrl.url, apiKey: options.apiKey, fetch: options.fetch, maxRetries, timeoutMs,
    });
    this.products = new Products(transport);
    this.orders = new Orders(transport);
  }
}
