/**
 * A catalog product. Money is a JSON number in major units of `currency` (199.99 USD). Its stock
 * is a resource of its own (GET /products/{id}/stock): orders change stock all the time, and must
 * neither make an editor's save fail (412) nor leave a cached product showing a stale stock.
 * @example {
 *   "id": "550e8400-e29b-41d4-a716-446655440000",
 *   "name": "Wireless Headphones",
 *   "description": "High-quality wireless headphones with noise cancellation",
 *   "price": 199.99,
 *   "currency": "USD",
 *   "etag": "\"1\"",
 *   "created_at": "2025-01-15T09:30:00.000Z",
 *   "updated_at": "2025-01-15T09:30:00.000Z"
 * }
 */
export interface Product {
  /**
   * UUID assigned by the platform.
   * @format uuid
   */
  id: string;
  name: string;
  description: string;
  /** Unit price in major units of `currency`, e.g. 199.99. */
  price: number;
  /** ISO 4217 currency code of `price`, e.g. "USD". */
  currency: string;
  /**
   * The product's entity-tag, as its `ETag` header carries it (e.g. "\"3\""): send it back in
   * `If-Match` to change the product only if nobody else has since. Changes with every change to
   * name, description or price; never with stock.
   */
  etag: string;
  /**
   * When the product was created (RFC 3339).
   * @format date-time
   */
  created_at: string;
  /**
   * When the product was last changed (RFC 3339).
   * @format date-time
   */
  updated_at: string;
}

/**
 * A new product. Only `name` and `price` are required.
 * @example {
 *   "name": "Wireless Headphones",
 *   "description": "High-quality wireless headphones with noise cancellation",
 *   "price": 199.99
 * }
 */
export interface CreateProductRequest {
  /**
   * 1 to 200 characters.
   * @minLength 1 must be 1 to 200 characters
   * @maxLength 200 must be 1 to 200 characters
   */
  name: string;
  /**
   * Up to 2000 characters; "" when absent.
   * @maxLength 2000 must be at most 2000 characters
   */
  description?: string;
  /**
   * Unit price in major units of `currency`: greater than 0, with no more decimals than the
   * currency has (2 for USD, 0 for JPY), at most 9999999999999.99 USD.
   * @minimum 0 must be greater than 0
   */
  price: number;
  /**
   * ISO 4217 currency code, upper case; "USD" when absent.
   * @pattern ^[A-Z]{3}$ must be an upper-case ISO 4217 code such as USD
   */
  currency?: string;
  /**
   * Units in stock, 0 or more; absent or null when stock is not tracked (orders are unlimited).
   * Read and change it later at /products/{id}/stock.
   * @isInt must be an integer from 0 to 2147483647
   * @minimum 0 must be an integer from 0 to 2147483647
   * @maximum 2147483647 must be an integer from 0 to 2147483647
   */
  stock?: number | null;
}

/**
 * A partial update (JSON merge patch, RFC 7396): a member that is absent stays as it is; `stock`
 * null means "not tracked", `description` null means "". `price` and `currency` go together:
 * the price is in major units of that currency. Stock set here is the stock resource's
 * (it does not change the product's etag).
 * @example { "name": "Wireless Headphones Pro", "price": 249.99, "currency": "USD" }
 */
export interface UpdateProductRequest {
  /**
   * 1 to 200 characters.
   * @minLength 1 must be 1 to 200 characters
   * @maxLength 200 must be 1 to 200 characters
   */
  name?: string;
  /**
   * Up to 2000 characters; null clears it to "".
   * @maxLength 2000 must be at most 2000 characters
   */
  description?: string | null;
  /**
   * New unit price in major units of `currency`, which must come with it.
   * @minimum 0 must be greater than 0
   */
  price?: number;
  /**
   * ISO 4217 code of `price`; only together with `price`.
   * @pattern ^[A-Z]{3}$ must be an upper-case ISO 4217 code such as USD
   */
  currency?: string;
  /**
   * Units in stock, 0 or more; null = not tracked.
   * @isInt must be an integer from 0 to 2147483647
   * @minimum 0 must be an integer from 0 to 2147483647
   * @maximum 2147483647 must be an integer from 0 to 2147483647
   */
  stock?: number | null;
}

/**
 * A product's stock, a resource of its own with its own `ETag`.
 * @example { "product_id": "550e8400-e29b-41d4-a716-446655440000", "stock": 98, "etag": "\"stock-2\"", "updated_at": "2025-01-15T09:31:00.000Z" }
 */
export interface ProductStock {
  /** @format uuid */
  product_id: string;
  /**
   * Units available to order; null when stock is not tracked (orders are unlimited).
   * @isInt
   */
  stock: number | null;
  /** The stock's entity-tag, as its `ETag` header carries it, e.g. "\"stock-2\"". */
  etag: string;
  /**
   * When the stock last changed (RFC 3339).
   * @format date-time
   */
  updated_at: string;
}

/**
 * A new stock level.
 * @example { "stock": 25 }
 */
export interface SetStockRequest {
  /**
   * Units in stock, 0 or more; null = not tracked.
   * @isInt must be an integer from 0 to 2147483647
   * @minimum 0 must be an integer from 0 to 2147483647
   * @maximum 2147483647 must be an integer from 0 to 2147483647
   */
  stock: number | null;
}

/** One page of products, oldest first. */
export interface ProductList {
  products: Product[];
  /** Pass as `page_token` to get the next page; null on the last page. */
  next_page_token: string | null;
}
