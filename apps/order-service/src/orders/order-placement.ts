import { Order as OrderMessage } from '@ecommerce/contracts';
import { RpcError, ensureActive, type CallContext } from '@ecommerce/grpc-kit';
import {
  KeyTable, failureOutcome, isStoredFailure, successOutcome, type IdempotencyKeys, type IdempotentRequest,
} from '@ecommerce/idempotency';
import type { Database } from '@ecommerce/persistence';
import { OrderClaims } from './order-claims.js';
import { OrderIntents } from './order-intents.js';
import { toOrderMessage } from './order-mapper.js';
import { priceOrder } from './order-pricing.js';
import { OrderRepository } from './order-repository.js';
import type { ValidOrderInput } from './order-validation.js';
import type { StockLedger } from './product-catalog.js';

/** Failures of ReserveStock that prove nothing was reserved. */
const NOTHING_RESERVED = new Set(['INSUFFICIENT_STOCK', 'PRODUCT_NOT_FOUND', 'VALIDATION_FAILED']);

export interface PlacementOptions {
  /** How long an intent may stay unconfirmed before the reconciler abandons it (ORDER_INTENT_LEASE_MS). */
  leaseMs: number;
}

/**
 * Placing an order across two services without losing stock (docs/orders-and-stock.md):
 * 1. record the order's intent (its id, product, quantity, a lease), and with a key, the key with
 *    that order id (OrderClaims);
 * 2. reserve the stock with product-service, keyed by the order id (which also prices it);
 * 3. confirm: in one transaction, remove the intent, insert the order and store the key's outcome,
 *    only while the caller still waits.
 * Without a key, a failure after 2 releases the reservation. With one, a transient failure keeps
 * intent and reservation for the caller's retry, which resumes under the same order id. A crash
 * leaves the intent, and the reconciler releases it once the lease is over.
 */
export class OrderPlacement {
  private readonly claims: OrderClaims;

  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedger,
    private readonly keys: IdempotencyKeys,
    private readonly options: PlacementOptions,
  ) {
    this.claims = new OrderClaims(db, keys, options.leaseMs);
  }

  async place(input: ValidOrderInput, keyed: IdempotentRequest | undefined, context: CallContext): Promise<OrderMessage> {
    const claim = await this.claims.claim(input, keyed, context);
    if ('replayed' in claim) return claim.replayed;
    const { orderId } = claim;
    context.logger.info({ order_id: orderId, product_id: input.productId, quantity: input.quantity, resumed: claim.resumed || undefined },
      'order intent recorded');
    let reserved;
    try {
      reserved = await this.ledger.reserve(orderId, input.productId, input.quantity, context);
    } catch (error) {
      if (error instanceof RpcError && NOTHING_RESERVED.has(error.reason)) {
        await this.refuse(orderId, keyed, error, context, false);
      } else if (keyed) {
        await this.keepForRetry(orderId, keyed, context);
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
      await this.refuse(orderId, keyed, error, context, true);
      throw error;
    }
    let order: OrderMessage | undefined;
    try {
      order = await this.db.transaction(async (tx) => {
        if (!(await new OrderIntents(tx).consume(orderId))) return undefined;
        const message = toOrderMessage(await new OrderRepository(tx).insertConfirmed({ id: orderId, ...input, ...price }));
        if (keyed) await new KeyTable(tx).complete(keyed, successOutcome(OrderMessage, message), this.keys.expiry());
        ensureActive(context);
        return message;
      });
    } catch (error) {
      // The caller gave up (or the store failed): nothing committed. With a key its retry finishes
      // this order; without one, the stock goes back.
      if (keyed) await this.keepForRetry(orderId, keyed, context);
      else await this.giveUp(orderId, context, true);
      throw error;
    }
    if (!order) return this.lostIntent(orderId, input, keyed, context);
    context.logger.info({ order_id: order.id, product_id: order.productId, total_minor: order.totalPrice?.amountMinor, currency: order.totalPrice?.currency }, 'order created');
    return order;
  }

  /**
   * The intent was gone at confirm time: either a retry with the same key confirmed this order
   * first (answer what it stored), or the reconciler abandoned the intent after its lease and is
   * releasing its stock (the key is forgotten, so placing it again starts afresh).
   */
  private async lostIntent(orderId: string, input: ValidOrderInput, keyed: IdempotentRequest | undefined, context: CallContext): Promise<OrderMessage> {
    if (keyed) {
      const confirmed = await this.keys.replay(keyed, OrderMessage, context);
      if (confirmed) return confirmed.value;
    }
    await this.giveUp(orderId, context, true);
    if (keyed) await new KeyTable(this.db).remove(keyed);
    throw new RpcError('PRODUCT_SERVICE_TIMEOUT', 'the order took longer than its lease and was abandoned; place it again', [], { product_id: input.productId });
  }

  /**
   * The request itself was refused (not enough stock, no such product, a total beyond the bound):
   * whatever was reserved goes back, the intent goes, and with a key the refusal is its outcome.
   */
  private async refuse(orderId: string, keyed: IdempotentRequest | undefined, error: unknown, context: CallContext, mayHaveReserved: boolean): Promise<void> {
    await this.giveUp(orderId, context, mayHaveReserved);
    if (keyed && isStoredFailure(error)) await new KeyTable(this.db).complete(keyed, failureOutcome(error), this.keys.expiry());
  }

  /** A transient failure with a key: intent and reservation stay (the lease bounds them); the key is free for the retry now. */
  private async keepForRetry(orderId: string, keyed: IdempotentRequest, context: CallContext): Promise<void> {
    try {
      await this.claims.release(keyed);
      context.logger.info({ order_id: orderId }, 'order left for a retry with its idempotency key');
    } catch (error) {
      context.logger.warn({ err: error, order_id: orderId }, 'could not free the idempotency key; it frees itself at the caller\'s deadline');
    }
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
