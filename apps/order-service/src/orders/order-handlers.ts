import { CancelOrderRequest, CancelOrderResponse, CreateOrderRequest, type OrderServiceServer } from '@ecommerce/contracts';
import { notFound, requireUuid, validationError, type AsyncService } from '@ecommerce/grpc-kit';
import { parsePageRequest, type PageTokens } from '@ecommerce/paging';
import { idempotentRequest, type IdempotencyKeys } from '@ecommerce/idempotency';
import type { Database } from '@ecommerce/persistence';
import { OrderCancellation } from './order-cancellation.js';
import { toOrderMessage } from './order-mapper.js';
import { OrderPlacement, type PlacementOptions } from './order-placement.js';
import { OrderRepository, type OrderFilter } from './order-repository.js';
import { validateCreateOrder, validateListFilter, type ValidListFilter } from './order-validation.js';
import type { StockLedger } from './product-catalog.js';

/** The list a page token belongs to: orders under one filter (a token is refused under another). */
function listKind(filter: ValidListFilter): string {
  return ['order', filter.productId ?? '*', filter.status ?? '*'].join(':');
}

/** The stored statuses a public one covers: CANCELLED includes orders still giving their stock back. */
function storedFilter(filter: ValidListFilter): OrderFilter {
  const statuses = filter.status === 'CANCELLED' ? (['CANCELLED', 'CANCELLING'] as const) : filter.status ? [filter.status] : undefined;
  return { productId: filter.productId, statuses: statuses && [...statuses] };
}

/**
 * The OrderService RPCs over the service's database; stock goes through the shared catalog client
 * (product-service), which carries the call's correlation id upstream. CreateOrder and CancelOrder
 * with a request_id run once per key (`keys`).
 */
export function orderHandlers(
  db: Database,
  ledger: StockLedger,
  deps: { keys: IdempotencyKeys; pageTokens: PageTokens },
  options: PlacementOptions,
): AsyncService<OrderServiceServer> {
  const { keys, pageTokens } = deps;
  const repository = new OrderRepository(db);
  const placement = new OrderPlacement(db, ledger, keys, options);
  const cancellation = new OrderCancellation(db, ledger);
  return {
    async createOrder(request, context) {
      // Validate first: a malformed request never costs an upstream call (nor stores its key).
      const keyed = idempotentRequest('CreateOrder', CreateOrderRequest, request, context);
      return { order: await placement.place(validateCreateOrder(request), keyed, context) };
    },

    async getOrder(request) {
      const id = requireUuid(request.id);
      const order = await repository.findById(id);
      if (!order) throw notFound('ORDER_NOT_FOUND', 'order', id);
      return { order: toOrderMessage(order) };
    },

    async listOrders(request) {
      const filter = validateListFilter(request);
      const kind = listKind(filter);
      const parsed = parsePageRequest(pageTokens, kind, request.pageSize, request.pageToken);
      if (!parsed.ok) throw validationError(parsed.violations);
      const { items, hasMore } = await repository.list(parsed.page, storedFilter(filter));
      const last = items.at(-1);
      return {
        orders: items.map(toOrderMessage),
        nextPageToken: hasMore && last ? pageTokens.encode(kind, last.seq) : '',
      };
    },

    async cancelOrder(request, context) {
      const keyed = idempotentRequest('CancelOrder', CancelOrderRequest, request, context);
      const id = requireUuid(request.id);
      return keys.once(keyed, CancelOrderResponse, context, async () => ({ order: toOrderMessage(await cancellation.cancel(id, context)) }));
    },
  };
}
