import { RpcError, ensureActive, ensureStillWaiting, notFound, type CallContext } from '@ecommerce/grpc-kit';
import { isUniqueViolation, type Database, type SqlClient } from '@ecommerce/persistence';
import type { Product } from './product.entity.js';
import { ProductRepository } from './product-repository.js';
import type { ReservationState } from './stock-reservation.entity.js';

/** What ReserveStock leaves: the product as reserved (its price prices the order). */
export interface Reservation {
  product: Product;
}

interface ReservationRow {
  product_id: string | null;
  quantity: number;
  state: ReservationState;
}

/**
 * Stock reservations: one conditional decrement per order (no read-then-write), keyed by the
 * order id, and their release. docs/orders-and-stock.md tells the whole protocol.
 */
export class StockReservations {
  private readonly products: ProductRepository;

  constructor(private readonly db: Database) {
    this.products = new ProductRepository(db);
  }

  /**
   * Takes `quantity` units of a live product for `orderId`. Again for the same order: nothing
   * more is taken (an identical reservation is answered as it stands). Throws INSUFFICIENT_STOCK
   * (nothing taken), PRODUCT_NOT_FOUND, or RESERVATION_RELEASED when that order's reservation was
   * given back already. Commits only while `caller` still waits (a late reservation would hold stock
   * for an order its caller already gave up on).
   */
  async reserve(orderId: string, productId: string, quantity: number, caller: Pick<CallContext, 'cancelled' | 'deadline'>): Promise<Reservation> {
    await ensureStillWaiting(caller);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.db.transaction(async (tx) => {
          const reservation = await this.reserveIn(tx, orderId, productId, quantity);
          ensureActive(caller);
          return reservation;
        });
      } catch (error) {
        // Two concurrent first reservations of one order: the loser's insert hits the key, its
        // transaction (and its decrement) rolls back, and the retry answers the winner's.
        if (!isUniqueViolation(error) || attempt > 0) throw error;
      }
    }
  }

  private async reserveIn(tx: SqlClient, orderId: string, productId: string, quantity: number): Promise<Reservation> {
    const existing = await tx.get<ReservationRow>('select product_id, quantity, state from stock_reservation where order_id = ?', [orderId]);
    if (existing) return this.answerExisting(tx, orderId, existing, productId, quantity);
    const now = new Date();
    // The one conditional statement: untracked stock (null) is unlimited; tracked stock must cover the order.
    const changed = await tx.run(
      'update product set stock = case when stock is null then null else stock - ? end, '
        + 'stock_version = case when stock is null then stock_version else stock_version + 1 end, '
        + 'stock_updated_at = case when stock is null then stock_updated_at else ? end '
        + 'where id = ? and deleted_at is null and (stock is null or stock >= ?)',
      [quantity, now, productId, quantity],
    );
    const product = await new ProductRepository(tx).findById(productId);
    if (!product) throw notFound('PRODUCT_NOT_FOUND', 'product', productId);
    if (changed === 0) {
      throw new RpcError('INSUFFICIENT_STOCK', `product ${productId} has ${product.stock ?? 0} available, ${quantity} ordered`, [], {
        product_id: productId, available: String(product.stock ?? 0), requested: String(quantity),
      });
    }
    await tx.run(
      'insert into stock_reservation (order_id, product_id, quantity, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
      [orderId, productId, quantity, 'RESERVED', now, now],
    );
    return { product };
  }

  private async answerExisting(tx: SqlClient, orderId: string, existing: ReservationRow, productId: string, quantity: number): Promise<Reservation> {
    if (existing.state === 'RELEASED') {
      throw new RpcError('RESERVATION_RELEASED', `the reservation of order ${orderId} was released`, [], { order_id: orderId });
    }
    if (existing.product_id !== productId || Number(existing.quantity) !== quantity) {
      throw new Error(`order ${orderId} already reserved ${existing.quantity} of ${existing.product_id}, not ${quantity} of ${productId}`);
    }
    // A deleted product still has its row: the reservation stands, priced as the product was.
    const row = await new ProductRepository(tx).findById(productId, { includeDeleted: true });
    if (!row) throw notFound('PRODUCT_NOT_FOUND', 'product', productId);
    return { product: row };
  }

  /**
   * Gives back what `orderId` reserved, once: the reservation turns RELEASED and its units return
   * to a tracked stock. An order that reserved nothing gets a RELEASED mark (a late reservation for
   * it then takes nothing). Safe to repeat. @returns true when this call gave units back
   */
  async release(orderId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const row = await tx.get<{ product_id: string; quantity: number }>(
        "update stock_reservation set state = 'RELEASED', updated_at = ? where order_id = ? and state = 'RESERVED' returning product_id, quantity",
        [now, orderId],
      );
      if (row) {
        await tx.run(
          'update product set stock = stock + ?, stock_version = stock_version + 1, stock_updated_at = ? where id = ? and stock is not null',
          [Number(row.quantity), now, row.product_id],
        );
        return true;
      }
      await tx.run(
        "insert into stock_reservation (order_id, product_id, quantity, state, created_at, updated_at) values (?, null, 0, 'RELEASED', ?, ?) "
          + 'on conflict (order_id) do nothing',
        [orderId, now, now],
      );
      return false;
    });
  }
}
