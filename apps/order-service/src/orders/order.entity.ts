import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OrderStatusName } from '@ecommerce/contracts';

/**
 * States an order is stored in: the public ones (CONFIRMED, CANCELLED) and CANCELLING, a cancelled
 * order whose stock product-service has not taken back yet (shown as CANCELLED: the cancel is
 * committed, and the reconciler finishes giving the stock back).
 */
export type StoredOrderStatus = OrderStatusName | 'CANCELLING';

/**
 * A placed order. `seq` is an internal, monotonically increasing key used for stable keyset paging;
 * `id` is the public UUID. Prices are integer minor units in the product's currency: the unit price
 * is a copy of the product's price at order time (later catalog changes do not reprice the order),
 * and the total is unit price x quantity, exact, at most MAX_MINOR_AMOUNT.
 */
export const OrderEntity = defineEntity({
  name: 'Order',
  // "order" is an SQL keyword; a plural table name keeps hand-written SQL free of quoting.
  tableName: 'orders',
  properties: {
    seq: p.integer().primary().autoincrement(),
    id: p.uuid().unique(),
    productId: p.uuid().index(),
    quantity: p.integer(),
    unitPriceMinor: p.bigint('number'),
    totalPriceMinor: p.bigint('number'),
    currency: p.string().length(3),
    // A plain string column, not a database enum: adding a state later needs no ALTER TYPE.
    status: p.string().columnType('varchar(32)').$type<StoredOrderStatus>().index(),
    createdAt: p.datetime(),
    cancelledAt: p.datetime().nullable(),
  },
});

export type Order = InferEntity<typeof OrderEntity>;
export type { OrderStatusName };
