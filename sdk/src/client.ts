import { Orders } from './resources/orders.js';
import { Products } from './resources/products.js';
import type { FetchLike } from './fetch.js';
import { Transport } from './transport.js';

/** Settings of an EcommerceClient. */
export interface ClientOptions {
  /** Gateway origin, e.g. "http://127.0.0.1:8000". */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  apiKey?: string | undefined;
  /** Per-attempt timeout in ms (connect, headers and body). @default 60000 */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (connection errors, 429, 503; see README). @default 2 */
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
   * @param options.baseUrl gateway origin
   * @param [options.apiKey] bearer token, sent when given
   * @param [options.timeoutMs=60000] per-attempt timeout
   * @param [options.maxRetries=2] retries of retryable failures
   * @param [options.fetch=globalThis.fetch] fetch implementation
   */
  constructor(options: ClientOptions) {
    if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
      throw new TypeError('EcommerceClient: options.baseUrl is required, e.g. "http://127.0.0.1:8000"');
    }
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError('maxRetries must be an integer >= 0');
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be > 0');
    const transport = new Transport({
      baseUrl: options.baseUrl, apiKey: options.apiKey, fetch: options.fetch, maxRetries, timeoutMs,
    });
    this.products = new Products(transport);
    this.orders = new Orders(transport);
  }
}
