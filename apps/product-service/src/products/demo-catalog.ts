import { DEMO_ORDERS, DEMO_PRODUCTS } from '@ecommerce/demo-data';
import type { Database } from '@ecommerce/persistence';

/**
 * Loads the demo catalog (libs/demo-data) into a store that has never held a product, so the
 * spec's examples name products that exist, with the demo orders' stock already reserved (as if
 * they had been placed). A store with any product, even a deleted one, is left alone. One
 * transaction: the catalog is all there or not at all.
 * @returns how many products it loaded (0 when the store was not empty)
 */
export async function seedDemoCatalog(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await tx.get<{ n: number }>('select count(*) as n from product');
    if (Number(row?.n) > 0) return 0;
    const now = new Date();
    for (const product of DEMO_PRODUCTS) {
      const reserved = DEMO_ORDERS.filter((order) => order.productId === product.id).reduce((sum, order) => sum + order.quantity, 0);
      await tx.run(
        'insert into product (id, name, description, price_minor, currency, stock, created_at, updated_at, version, stock_version) '
          + 'values (?, ?, ?, ?, ?, ?, ?, ?, 1, 1)',
        [product.id, product.name, product.description, product.priceMinor, product.currency, product.stock === null ? null : product.stock - reserved, now, now],
      );
    }
    for (const order of DEMO_ORDERS) {
      await tx.run(
        "insert into stock_reservation (order_id, product_id, quantity, state, created_at, updated_at) values (?, ?, ?, 'RESERVED', ?, ?)",
        [order.id, order.productId, order.quantity, now, now],
      );
    }
    return DEMO_PRODUCTS.length;
  });
}
