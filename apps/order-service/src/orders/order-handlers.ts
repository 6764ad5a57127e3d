import type { OrderServiceServer } from '@ecommerce/contracts';
import { notFound, requireUuid, validationError, type AsyncService } from '@ecommerce/grpc-kit';
import { encodePageToken, parsePageRequest } from '@ecommerce/paging';
import type { Database } from '@ecommerce/persistence';
import { toOrderMessage } from './order-mapper.js';
import { priceOrder } from './order-pricing.js';
import { OrderRepository } from './order-repository.js';
import { validateCreateOrder } from './order-validation.js';
import type { ProductLookup } from './product-catalog.js';

/**
 * The OrderService RPCs over the service's database; product checks go through the shared catalog
 * client, which carries the call's correlation id upstream.
 */
export function orderHandlers(db: Database, catalog: ProductLookup): AsyncService<OrderServiceServer> {
  const repository = new OrderRepository(db);
  return {
    async createOrder(request, context) {
      // Validate first: a malformed request never costs an upstream call.
      const input = validateCreateOrder(request);
      const product = await catalog.getProduct(input.productId, context);
      const price = priceOrder(product.price, input.quantity);
      const order = await repository.create({ ...input, ...price, status: 'CONFIRMED' });
      context.logger.info(
        { order_id: order.id, product_id: order.productId, total_minor: order.totalPriceMinor, currency: order.currency },
        'order created',
      );
      return { order: toOrderMessage(order) };
    },

    async getOrder(request) {
      const id = requireUuid(request.id);
      const order = await repository.findById(id);
      if (!order) throw notFound('ORDER_NOT_FOUND', 'order', id);
      return { order: toOrderMessage(order) };
    },

    async listOrders(request) {
      const parsed = parsePageRequest('order', request.pageSize, request.pageToken);
      if (!parsed.ok) throw validationError(parsed.violations);
      const { items, hasMore } = await repository.list(parsed.page);
      const last = items.at(-1);
      return {
        orders: items.map(toOrderMessage),
        nextPageToken: hasMore && last ? encodePageToken('order', last.seq) : '',
      };
    },
  };
}
