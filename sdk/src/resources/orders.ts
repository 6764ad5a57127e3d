import type { APIPromise } from '../api-promise.js';
import { createPage, type Page, type PagePromise } from '../pagination.js';
import type { CreateRequestOptions, RequestOptions, Transport } from '../transport.js';
import type { Order, OrderCreateParams, OrderList, OrderListParams } from '../types.js';

/** A page of orders: `.orders`, `.next_page_token`, `.hasNextPage()`, `.getNextPage()`. */
export type OrderPage = Page<OrderList, Order>;

/** `client.orders`: orders placed against products. */
export class Orders {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Places an order (POST /orders -> 201, status "CONFIRMED"): its stock is reserved and it is
   * priced from the product (`unit_price`, `total_price`, `currency`). Retried with one
   * Idempotency-Key, so a retry never buys twice.
   * @throws NotFoundError for an unknown product_id; ConflictError with `reason`
   * "INSUFFICIENT_STOCK" when fewer units are available (nothing is reserved; never retried);
   * BadRequestError for an invalid quantity.
   */
  create(body: OrderCreateParams, options?: CreateRequestOptions): APIPromise<Order> {
    return this.#transport.post<Order>('/orders', { body }, options);
  }

  /** Fetches one order (GET /orders/{id}). @throws NotFoundError for an unknown id, APIInvalidRequestError for an empty, "." or ".." id (nothing is sent). */
  get(id: string, options?: RequestOptions): APIPromise<Order> {
    return this.#transport.get<Order>('/orders/{id}', { path: { id } }, options);
  }

  /**
   * Lists orders oldest first, `page_size` (1-100, default 20) per page, optionally only one
   * product's (`product_id`) and/or one status's (`status`). Await it for the first page, or
   * iterate it with `for await` to get every order across pages.
   */
  list(query: OrderListParams = {}, options?: RequestOptions): PagePromise<OrderList, Order> {
    const fetchPage = (pageQuery: OrderListParams): PagePromise<OrderList, Order> => this.#transport.getPage<OrderList, Order>(
      '/orders', { query: pageQuery }, options,
      (body) => createPage<OrderList, Order>(body, 'orders', (page_token) => fetchPage({ ...pageQuery, page_token })),
    );
    return fetchPage(query);
  }

  /**
   * Cancels an order (POST /orders/{id}/cancel): CONFIRMED becomes CANCELLED and its stock goes
   * back, exactly once; a CANCELLED order comes back unchanged. Retried with one Idempotency-Key.
   * @throws NotFoundError for an unknown id.
   */
  cancel(id: string, options?: CreateRequestOptions): APIPromise<Order> {
    return this.#transport.post<Order>('/orders/{id}/cancel', { path: { id } }, options);
  }
}
