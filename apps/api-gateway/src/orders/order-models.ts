/**
 * Where an order stands: CONFIRMED once placed (its stock reserved), CANCELLED once cancelled (its
 * stock given back).
 */
export type OrderStatus = 'CONFIRMED' | 'CANCELLED';

/**
 * An order for one product. Prices are JSON numbers in major units of `currency`.
 * @example {
 *   "id": "550e8400-e29b-41d4-a716-446655440001",
 *   "product_id": "550e8400-e29b-41d4-a716-446655440000",
 *   "quantity": 2,
 *   "unit_price": 199.99,
 *   "total_price": 399.98,
 *   "currency": "USD",
 *   "status": "CONFIRMED",
 *   "created_at": "2025-01-15T09:31:00.000Z"
 * }
 */
export interface Order {
  /**
   * UUID assigned by the platform.
   * @format uuid
   */
  id: string;
  /**
   * The ordered product.
   * @format uuid
   */
  product_id: string;
  /** @isInt */
  quantity: number;
  /** The product's price when the order was placed. */
  unit_price: number;
  /** unit_price x quantity, exact. */
  total_price: number;
  /** ISO 4217 currency code of both prices. */
  currency: string;
  status: OrderStatus;
  /**
   * When the order was placed (RFC 3339).
   * @format date-time
   */
  created_at: string;
}

/**
 * A new order: which product, and how many.
 * @example {
 *   "product_id": "550e8400-e29b-41d4-a716-446655440000",
 *   "quantity": 2
 * }
 */
export interface CreateOrderRequest {
  /**
   * UUID of an existing product.
   * @format uuid
   */
  product_id: string;
  /**
   * 1 to 10000.
   * @isInt must be an integer from 1 to 10000
   * @minimum 1 must be an integer from 1 to 10000
   * @maximum 10000 must be an integer from 1 to 10000
   */
  quantity: number;
}

/** One page of orders, oldest first. */
export interface OrderList {
  orders: Order[];
  /** Pass as `page_token` to get the next page; null on the last page. */
  next_page_token: string | null;
}

/**
 * A product's UUID, to list only its orders.
 * @format uuid
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ must be a UUID
 */
export type ProductIdFilter = string;
