/**
 * A catalog product. Money is a JSON number in major units of `currency` (199.99 USD).
 * @example {
 *   "id": "550e8400-e29b-41d4-a716-446655440000",
 *   "name": "Wireless Headphones",
 *   "description": "High-quality wireless headphones with noise cancellation",
 *   "price": 199.99,
 *   "currency": "USD",
 *   "stock": null,
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
   * Units in stock; null when stock is not tracked for this product.
   * @isInt
   */
  stock: number | null;
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
   * Units in stock, 0 or more; absent when stock is not tracked.
   * @isInt must be an integer from 0 to 2147483647
   * @minimum 0 must be an integer from 0 to 2147483647
   * @maximum 2147483647 must be an integer from 0 to 2147483647
   */
  stock?: number;
}

/** One page of products, oldest first. */
export interface ProductList {
  products: Product[];
  /** Pass as `page_token` to get the next page; null on the last page. */
  next_page_token: string | null;
}
