import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** What a reservation holds: stock taken for an order, or given back (see the migration 0003). */
export type ReservationState = 'RESERVED' | 'RELEASED';

/** A reservation of stock for one order; the order id is its key, so reserving twice takes stock once. */
export const StockReservationEntity = defineEntity({
  name: 'StockReservation',
  tableName: 'stock_reservation',
  properties: {
    orderId: p.uuid().primary(),
    productId: p.uuid().nullable().index(),
    quantity: p.integer(),
    state: p.string().length(16).$type<ReservationState>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type StockReservation = InferEntity<typeof StockReservationEntity>;
