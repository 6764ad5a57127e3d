import { ensureStillWaiting, notFound, type CallContext } from '@ecommerce/grpc-kit';
import type { Database } from '@ecommerce/persistence';
import { OrderRepository } from './order-repository.js';
import type { Order } from './order.entity.js';
import type { StockLedger } from './product-catalog.js';

/**
 * Cancelling an order gives its stock back exactly once, however many cancels race:
 * CONFIRMED -> CANCELLING is one conditional update (one caller wins it), the release is
 * idempotent in product-service, and CANCELLING -> CANCELLED follows it. When product-service cannot
 * take the stock back now, the order stays CANCELLING (shown as CANCELLED) and the reconciler
 * finishes; cancelling again also finishes it.
 */
export class OrderCancellation {
  constructor(private readonly db: Database, private readonly ledger: StockLedger) {}

  async cancel(id: string, context: CallContext): Promise<Order> {
    const orders = new OrderRepository(this.db);
    const order = await orders.findById(id);
    if (!order) throw notFound('ORDER_NOT_FOUND', 'order', id);
    if (order.status === 'CANCELLED') return order;
    // The cancel's one commit: not for a caller that has given up.
    if (order.status === 'CONFIRMED') await ensureStillWaiting(context);
    if (order.status === 'CONFIRMED' && (await orders.beginCancel(id))) {
      context.logger.info({ order_id: id }, 'order cancelling');
    }
    await this.finish(id, context);
    return (await orders.findById(id)) as Order;
  }

  /** Gives a CANCELLING order's stock back and marks it CANCELLED (idempotent). */
  async finish(id: string, context: Pick<CallContext, 'requestId' | 'logger' | 'deadline'>): Promise<void> {
    const released = await this.ledger.release(id, context);
    await new OrderRepository(this.db).finishCancel(id);
    context.logger.info({ order_id: id, released }, 'order cancelled');
  }
}
