import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** PENDING while its CreateOrder runs (or crashed); ABANDONED once the reconciler gave up on it. */
export type IntentState = 'PENDING' | 'ABANDONED';

/**
 * An order being placed: recorded before its stock is reserved, removed when the order is
 * confirmed. One left behind means the order never committed; its reservation must be released.
 */
export const OrderIntentEntity = defineEntity({
  name: 'OrderIntent',
  tableName: 'order_intent',
  properties: {
    orderId: p.uuid().primary(),
    productId: p.uuid(),
    quantity: p.integer(),
    state: p.string().length(16).$type<IntentState>(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
  },
});

export type OrderIntent = InferEntity<typeof OrderIntentEntity>;
