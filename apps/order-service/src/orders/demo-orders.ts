import { DEMO_ORDERS } from '@ecommerce/demo-data';
import type { Database } from '@ecommerce/persistence';

/**
 * Loads the demo order (libs/demo-data) into a store that has never held an order, so the spec's
 * order examples name an order that exists. A store with any order is left alone.
 * @returns how many orders it loaded (0 when the store was not empty)
 */
export async function seedDemoOrders(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await tx.get<{ n: number }>('select count(*) as n from orders');
    if (Number(row?.n) > 0) return 0;
    for (const order of DEMO_ORDERS) {
      await tx.run(
        'insert into orders (id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at) '
          + 'values (?, ?, ?, ?, ?, ?, ?, ?)',
        [order.id, order.productId, order.quantity, order.unitPriceMinor, order.totalPriceMinor, order.currency, 'CONFIRMED', new Date()],
      );
    }
    return DEMO_ORDERS.length;
  });
}
