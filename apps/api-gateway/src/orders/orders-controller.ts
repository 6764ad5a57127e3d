import { Body, Controller, Example, Get, Path, Post, Query, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ProblemDetails } from '../errors/problem-models.js';
import type { RequestContext } from '../http/request-context.js';
import type { PageSize, PageToken } from '../http/page-models.js';
import type { OrderApi } from './order-api.js';
import type { CreateOrderRequest, Order, OrderList } from './order-models.js';

/** Orders for catalog products. The price is the product's when the order is placed. */
@Route('orders')
@Tags('Orders')
@Response<ProblemDetails>(500, 'Internal error (type .../problems/internal). Nothing about the cause is disclosed; quote `request_id`.', {
  type: 'https://ecommerce.example.com/problems/internal', title: 'Internal error', status: 500,
  detail: 'The request could not be completed because of an internal error.', instance: '/orders',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'INTERNAL', reason: 'INTERNAL',
})
@Response<ProblemDetails>(503, 'order-service is unreachable (type .../problems/unavailable), or order-service cannot reach product-service to price a new order (.../problems/product-service-unavailable); retry later.', {
  type: 'https://ecommerce.example.com/problems/unavailable', title: 'Service unavailable', status: 503,
  detail: 'A service this request needs is unavailable; try again shortly.', instance: '/orders',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'UNAVAILABLE',
})
@Response<ProblemDetails>(504, 'order-service did not answer within the deadline (type .../problems/deadline-exceeded), or product-service did not answer order-service in time (.../problems/product-service-timeout).', {
  type: 'https://ecommerce.example.com/problems/deadline-exceeded', title: 'Upstream deadline exceeded', status: 504,
  detail: 'A service this request needs did not answer in time; try again shortly.', instance: '/orders',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'DEADLINE_EXCEEDED',
})
export class OrdersController extends Controller {
  constructor(
    private readonly orders: OrderApi,
    private readonly context: RequestContext,
  ) {
    super();
  }

  /**
   * Places an order for `quantity` units of a product at its current price; `total_price` is
   * unit_price x quantity, exact. Answers 201 with the order and a `Location` header naming it.
   * An unknown product is 404 (.../problems/product-not-found); when product-service cannot be
   * reached the answer is 503, never 404.
   * @summary Place an order
   */
  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created. `Location` is the new order\'s path, /orders/{id}.')
  @Example<Order>({
    id: '550e8400-e29b-41d4-a716-446655440001', product_id: '550e8400-e29b-41d4-a716-446655440000', quantity: 2,
    unit_price: 199.99, total_price: 399.98, currency: 'USD', status: 'CONFIRMED', created_at: '2025-01-15T09:31:00.000Z',
  })
  @Response<ProblemDetails>(400, 'Invalid body (type .../problems/validation-failed, `errors` lists every field) or unreadable JSON (.../problems/malformed-json).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: quantity.', instance: '/orders', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED', errors: [{ field: 'quantity', message: 'must be an integer from 1 to 10000' }],
  }, 'application/problem+json')
  @Response<ProblemDetails>(404, 'The product does not exist (type .../problems/product-not-found).', {
    type: 'https://ecommerce.example.com/problems/product-not-found', title: 'Product not found', status: 404,
    detail: 'product 550e8400-e29b-41d4-a716-446655440000 not found', instance: '/orders',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND',
  }, 'application/problem+json')
  @Response<ProblemDetails>(409, 'Not enough stock (type .../problems/insufficient-stock); reserved for stock-tracked products.', {
    type: 'https://ecommerce.example.com/problems/insufficient-stock', title: 'Insufficient stock', status: 409,
    detail: 'product 550e8400-e29b-41d4-a716-446655440000 has 1 in stock, 2 requested', instance: '/orders',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'FAILED_PRECONDITION', reason: 'INSUFFICIENT_STOCK',
  }, 'application/problem+json')
  @Response<ProblemDetails>(413, 'Body larger than 1 MB (type .../problems/payload-too-large).', {
    type: 'https://ecommerce.example.com/problems/payload-too-large', title: 'Request body too large', status: 413,
    detail: 'The request body exceeds the limit of 1048576 bytes.', instance: '/orders',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', reason: 'PAYLOAD_TOO_LARGE',
  }, 'application/problem+json')
  async createOrder(@Body() body: CreateOrderRequest): Promise<Order> {
    const order = await this.orders.create(body, this.context);
    this.setStatus(201);
    this.setHeader('Location', `/orders/${order.id}`);
    return order;
  }

  /**
   * Lists orders, oldest first, one page at a time, with the same stable paging as products.
   * @summary List orders
   * @param page_size Orders per page, 1 to 100; 20 when absent.
   * @param page_token `next_page_token` of the previous page; absent for the first page.
   */
  @Get()
  @SuccessResponse(200, 'One page of orders.')
  @Response<ProblemDetails>(400, 'Invalid `page_size` or `page_token` (type .../problems/validation-failed).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: page_token.', instance: '/orders', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED', errors: [{ field: 'page_token', message: 'is not a valid page token for this list' }],
  }, 'application/problem+json')
  async listOrders(@Query() page_size?: PageSize, @Query() page_token?: PageToken): Promise<OrderList> {
    return this.orders.list(page_size ?? 0, page_token ?? '', this.context);
  }

  /**
   * Returns one order.
   * @summary Get an order
   * @param id The order's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440001"
   */
  @Get('{id}')
  @SuccessResponse(200, 'The order.')
  @Response<ProblemDetails>(400, '`id` is not a UUID (type .../problems/validation-failed).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: id.', instance: '/orders/abc', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED', errors: [{ field: 'id', message: 'must be a UUID, got "abc"' }],
  }, 'application/problem+json')
  @Response<ProblemDetails>(404, 'No order has this id (type .../problems/order-not-found).', {
    type: 'https://ecommerce.example.com/problems/order-not-found', title: 'Order not found', status: 404,
    detail: 'order 550e8400-e29b-41d4-a716-446655440001 not found', instance: '/orders/550e8400-e29b-41d4-a716-446655440001',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND',
  }, 'application/problem+json')
  async getOrder(@Path() id: string): Promise<Order> {
    return this.orders.get(id, this.context);
  }
}
