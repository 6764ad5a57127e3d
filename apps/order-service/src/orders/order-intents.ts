import type { SqlClient } from '@ecommerce/persistence';

/**
 * Order intents: the trace of an order being placed (docs/orders-and-stock.md). Recorded before
 * its stock is reserved, removed in the transaction that confirms the order; one that outlives
 * its lease is abandoned, and its reservation released, by the reconciler.
 */
export class OrderIntents {
  constructor(private readonly db: SqlClient) {}

  async record(orderId: string, productId: string, quantity: number, leaseMs: number): Promise<void> {
    const now = new Date();
    await this.db.run(
      "insert into order_intent (order_id, product_id, quantity, state, created_at, expires_at) values (?, ?, ?, 'PENDING', ?, ?)",
      [orderId, productId, quantity, now, new Date(now.getTime() + leaseMs)],
    );
  }

  /** A retry takes a PENDING intent over: its lease starts again. False when it is no longer PENDING. */
  async renew(orderId: string, leaseMs: number): Promise<boolean> {
    return (await this.db.run("update order_intent set expires_at = ? where order_id = ? and state = 'PENDING'",
      [new Date(Date.now() + leaseMs), orderId])) > 0;
  }

  /**
   * Removes a PENDING intent, inside the transaction that confirms its order: false when the
   * reconciler abandoned it meanwhile (then the order must not be confirmed: its stock is gone).
   */
  async consume(orderId: string): Promise<boolean> {
    return (await this.db.run("delete from order_intent where order_id = ? and state = 'PENDING'", [orderId])) > 0;
  }

  /** Removes an intent whatever its state (its reservation is known released). */
  async remove(orderId: string): Promise<void> {
    await this.db.run('delete from order_intent where order_id = ?', [orderId]);
  }

  /** PENDING intents past their lease -> ABANDONED; @returns how many. */
  async abandonExpired(now: Date): Promise<number> {
    return this.db.run("update order_intent set state = 'ABANDONED' where state = 'PENDING' and expires_at < ?", [now]);
  }

  /** Abandoned intents, oldest first. */
  async abandoned(limit: number): Promise<string[]> {
    return (await this.db.all<{ order_id: string }>("select order_id from order_intent where state = 'ABANDONED' order by created_at limit ?", [limit]))
      .map((r) => r.order_id);
  }
}
