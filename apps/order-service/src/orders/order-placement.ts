import { randomUUID } from 'node:crypto';
import { RpcError, type CallContext } from '@ecommerce/grpc-kit';
import type { Database } from '@ecommerce/persistence';
import { OrderIntents } from './order-intents.js';
import { priceOrder } from './order-pricing.js';
import { OrderRepository } from './order-repository.js';
import type { ValidOrderInput } from './order-validation.js';
import type { Order } from './order.entity.js';
import type { StockLedger } from './product-catalog.js';

/** Failures of ReserveStock that prove nothing was reserved. */
const NOTHING_RESERVED = new Set(['INSUFFICIENT_STOCK', 'PRODUCT_NOT_FOUND', 'VALIDATION_FAILED']);

export interface PlacementOptions {
  /** How long an intent may stay unconfirmed before the reconciler abandons it (ORDER_INTENT_LEASE_MS). */
  leaseMs: number;
}

/**
 * Placing an order across two services without losing stock (docs/orders-and-stock.md):
 * 1. record the order's intent (its id, product, quantity, a lease);
 * 2. reserve the stock with product-service, keyed by the order id (which also prices it);
 * 3. confirm: in one transaction, remove the intent and insert the order.
 * A failure after 2 releases the reservation; a crash leaves the intent, and the reconciler
 * releases it once the lease is over. A confirm that finds its intent abandoned does not commit.
 */
export class OrderPlacement {
  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedger,
    private readonly options: PlacementOptions,
  ) {}

  async place(input: ValidOrderInput, context: CallContext): Promise<Order> {
    const orderId = randomUUID();
    await new OrderIntents(this.db).record(orderId, input.productId, input.quantity, this.options.leaseMs);
    context.logger.info({ order_id: orderId, product_id: input.productId, quantity: input.quantity }, 'order intent recorded');
    let reserved;
    try {
      reserved = await this.ledger.reserve(orderId, input.productId, input.quantity, context);
    } catch (error) {
      if (error instanceof RpcError && NOTHING_RESERVED.has(error.reason)) {
        await this.giveUp(orderId, context, false);
      } else {
        // product-service may have reserved and not answered (a timeout, an outage): give it back
        // without holding the caller's answer on a service that is not answering.
        void this.giveUp(orderId, context, true);
      }
      throw error;
    }
    let price;
    try {
      // A total beyond the money bound is only known once priced: the reservation goes back.
      price = priceOrder(reserved.price, input.quantity);
    } catch (error) {
      await this.giveUp(orderId, context, true);
      throw error;
    }
    let order: Order | undefined;
    try {
      order = await this.db.transaction(async (tx) => {
        if (!(await new OrderIntents(tx).consume(orderId))) return undefined;
        return new OrderRepository(tx).insertConfirmed({ id: orderId, ...input, ...price });
      });
    } catch (error) {
      await this.giveUp(orderId, context, true);
      throw error;
    }
    if (!order) {
      // The reconciler abandoned the intent (its lease ran out): its stock is being released.
      await this.giveUp(orderId, context, true);
      throw new RpcError('PRODUCT_SERVICE_TIMEOUT', 'the order took longer than its lease and was abandoned; place it again', [], { product_id: input.productId });
    }
    context.logger.info({ order_id: order.id, product_id: order.productId, total_minor: order.totalPriceMinor, currency: order.currency }, 'order created');
    return order;
  }

  /**
   * Releases what the order may have reserved and removes its intent. With its own deadline, not
   * the caller's (which may be spent): when even that fails, the intent stays for the reconciler.
   */
  private async giveUp(orderId: string, context: CallContext, mayHaveReserved: boolean): Promise<void> {
    try {
      if (mayHaveReserved) await this.ledger.release(orderId, { ...context, deadline: Number.POSITIVE_INFINITY });
      await new OrderIntents(this.db).remove(orderId);
    } catch (error) {
      context.logger.warn({ err: error, order_id: orderId }, 'could not release the reservation now; the reconciler will');
    }
  }
}
