import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A catalog product. `seq` is an internal, monotonically increasing key used for stable keyset
 * paging; `id` is the public UUID. Money is integer minor units plus an ISO 4217 code.
 * `version` counts changes to the catalog fields (the product's etag); the stock has its own
 * `stockVersion`, so orders never change the product's etag. A deleted product keeps its row
 * (`deletedAt`) and is invisible to reads, lists and new orders.
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
    version: p.integer().default(1),
    stockVersion: p.integer().default(1),
    stockUpdatedAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable(),
  },
});

export type Product = InferEntity<typeof ProductEntity>;
