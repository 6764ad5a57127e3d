import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A catalog product. `seq` is an internal, monotonically increasing key used for stable keyset
 * paging; `id` is the public UUID. Money is integer minor units plus an ISO 4217 code.
 */
export const ProductEntity = defineEntity({
  name: 'Product',
  tableName: 'product',
  properties: {
    seq: p.integer().primary().autoincrement(),
    id: p.uuid().unique(),
    name: p.string().length(200),
    description: p.text(),
    priceMinor: p.bigint('number'),
    currency: p.string().length(3),
    stock: p.integer().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Product = InferEntity<typeof ProductEntity>;
