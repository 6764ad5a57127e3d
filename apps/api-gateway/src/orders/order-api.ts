import { OrderStatus as OrderStatusMessage, orderStatusValue, type OrderServiceClient } from '@ecommerce/contracts';
import { callUnary, callUnaryWithMetadata, isReplayed } from '@ecommerce/grpc-kit';
import { markReplayed, requestIdOf } from '../http/idempotency-key.js';
import type { IdempotencyKey } from '../http/idempotency-models.js';
import type { RequestContext } from '../http/request-context.js';
import { upstreamCallOptions } from '../upstream/call-options.js';
import { nullIfEmpty } from '../upstream/wire-values.js';
import { toOrder } from './order-mapper.js';
import type { CreateOrderRequest, Order, OrderList, OrderStatus } from './order-models.js';

/**
 * The order operations the REST API offers, carried out over gRPC (same rules as ProductApi:
 * request id in metadata, a deadline per call, failures thrown as they are for the error handler,
 * an Idempotency-Key as the request's request_id).
 */
export class OrderApi {
  constructor(
    private readonly client: OrderServiceClient,
    private readonly timeoutMs: number,
  ) {}

  async create(body: CreateOrderRequest, key: IdempotencyKey | undefined, context: RequestContext): Promise<Order> {
    const { response, metadata } = await callUnaryWithMetadata(
      this.client.createOrder.bind(this.client),
      { productId: body.product_id, quantity: body.quantity, requestId: requestIdOf(key) },
      this.options(context),
    );
    markReplayed(context, isReplayed(metadata));
    return toOrder(response.order);
  }

  async get(id: string, context: RequestContext): Promise<Order> {
    const response = await callUnary(this.client.getOrder.bind(this.client), { id }, this.options(context));
    return toOrder(response.order);
  }

  /**
   * @param pageSize 1-100 (validated by the route); 0 = the service default of 20
   * @param filter only one product's orders, and/or only those in one status
   */
  async list(pageSize: number, pageToken: string, filter: { productId?: string; status?: OrderStatus }, context: RequestContext): Promise<OrderList> {
    const response = await callUnary(
      this.client.listOrders.bind(this.client),
      {
        pageSize,
        pageToken,
        productId: filter.productId ?? '',
        status: filter.status ? orderStatusValue(filter.status) : OrderStatusMessage.ORDER_STATUS_UNSPECIFIED,
      },
      this.options(context),
    );
    return { orders: response.orders.map(toOrder), next_page_token: nullIfEmpty(response.nextPageToken) };
  }

  /** CONFIRMED -> CANCELLED (its stock given back); an already cancelled order comes back unchanged. */
  async cancel(id: string, key: IdempotencyKey | undefined, context: RequestContext): Promise<Order> {
    const { response, metadata } = await callUnaryWithMetadata(
      this.client.cancelOrder.bind(this.client), { id, requestId: requestIdOf(key) }, this.options(context));
    markReplayed(context, isReplayed(metadata));
    return toOrder(response.order);
  }

  private options(context: RequestContext) {
    return upstreamCallOptions(context, this.timeoutMs);
  }
}
