import { Body, Controller, Extension, Get, Header, Path, Post, Query, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ProblemDetails } from '../errors/problem-models.js';
import type { IdempotencyKey } from '../http/idempotency-models.js';
import type { RequestContext } from '../http/request-context.js';
import type { PageSize, PageToken } from '../http/page-models.js';
import type { OrderApi } from './order-api.js';
import type { CreateOrderRequest, Order, OrderList, OrderStatus, ProductIdFilter } from './order-models.js';

// Each operation lists the problems it can answer with (`x-problems`: reasons and bare gRPC codes
// of libs/errors); the spec's problem responses and their examples are built from the catalogue.

/** Orders for catalog products. The price is the product's when the order is placed. */
@Route('orders')
@Tags('Orders')
// Names the problem body for the spec; scripts/finish-spec.ts replaces it with the listed problems.
@Response<ProblemDetails>('default', 'An error (RFC 9457 problem details).')
export class OrdersController extends Controller {
  constructor(
    private readonly orders: OrderApi,
    private readonly context: RequestContext,
  ) {
    super();
  }

  /**
   * Places an order for `quantity` units of a product at its current price; `total_price` is
   * unit_price x quantity, exact. The stock is reserved for the order in one step: when fewer units
   * are available the order is refused whole (409, insufficient-stock; `detail` says how many are
   * available) and nothing is reserved. Answers 201 with the order and a `Location` header naming it.
   * An unknown product is 404 (.../problems/product-not-found); when product-service cannot be
   * reached the answer is 503, never 404. With an `Idempotency-Key`, a retry answers the first
   * outcome and never buys twice; while the first request with the key is still running, 409
   * idempotency-key-in-use (retry after `Retry-After`).
   * @summary Place an order
   * @param idempotencyKey Makes retrying this request safe: the same key and request again answer the first outcome (1-255 printable ASCII characters; a UUID is best).
   */
  @Post()
  @Security('bearer', ['orders:write'])
  @SuccessResponse<{ Location: string }>(201, 'Created. `Location` is the new order\'s path, /orders/{id}.')
  @Extension('x-problems', [
    'VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PRODUCT_NOT_FOUND', 'INSUFFICIENT_STOCK',
    'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL', 'UNAVAILABLE', 'PRODUCT_SERVICE_UNAVAILABLE', 'DEADLINE_EXCEEDED',
    'PRODUCT_SERVICE_TIMEOUT',
  ])
  async createOrder(@Body() body: CreateOrderRequest, @Header('Idempotency-Key') idempotencyKey?: IdempotencyKey): Promise<Order> {
    const order = await this.orders.create(body, idempotencyKey, this.context);
    this.setStatus(201);
    this.setHeader('Location', `/orders/${order.id}`);
    return order;
  }

  /**
   * Lists orders, oldest first, one page at a time, with the same stable paging as products;
   * optionally only one product's orders and/or only those in one status. A `page_token` is valid
   * only with the filter it was made for (400 otherwise).
   * @summary List orders
   * @param page_size Orders per page, 1 to 100; 20 when absent.
   * @param page_token `next_page_token` of the previous page; absent for the first page.
   * @param product_id Only this product's orders.
   * @param status Only orders in this status.
   */
  @Get()
  @Security('bearer', ['orders:read'])
  @SuccessResponse(200, 'One page of orders.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async listOrders(
    @Query() page_size?: PageSize,
    @Query() page_token?: PageToken,
    @Query() product_id?: ProductIdFilter,
    @Query() status?: OrderStatus,
  ): Promise<OrderList> {
    return this.orders.list(page_size ?? 0, page_token ?? '', { productId: product_id, status }, this.context);
  }

  /**
   * Cancels an order and gives its stock back, exactly once: a CONFIRMED order becomes CANCELLED;
   * a CANCELLED one comes back unchanged. When product-service cannot take the stock back right
   * now the answer is 503; the order is cancelled all the same and its stock is returned later
   * (cancelling again also completes it).
   * @summary Cancel an order
   * @param id The order's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440001"
   * @param idempotencyKey Makes retrying this request safe: the same key and request again answer the first outcome (1-255 printable ASCII characters; a UUID is best).
   */
  @Post('{id}/cancel')
  @Security('bearer', ['orders:write'])
  @SuccessResponse(200, 'The order, cancelled.')
  @Extension('x-problems', [
    'VALIDATION_FAILED', 'MALFORMED_REQUEST', 'ORDER_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL', 'UNAVAILABLE',
    'PRODUCT_SERVICE_UNAVAILABLE', 'DEADLINE_EXCEEDED', 'PRODUCT_SERVICE_TIMEOUT',
  ])
  async cancelOrder(@Path() id: string, @Header('Idempotency-Key') idempotencyKey?: IdempotencyKey): Promise<Order> {
    return this.orders.cancel(id, idempotencyKey, this.context);
  }

  /**
   * Returns one order.
   * @summary Get an order
   * @param id The order's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440001"
   */
  @Get('{id}')
  @Security('bearer', ['orders:read'])
  @SuccessResponse(200, 'The order.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'ORDER_NOT_FOUND', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async getOrder(@Path() id: string): Promise<Order> {
    return this.orders.get(id, this.context);
  }
}
