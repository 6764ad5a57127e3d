import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { PageRequest } from '@ecommerce/paging';
import { ProductEntity, type Product } from './product.entity.js';
import type { ValidProductInput } from './product-validation.js';

/**
 * Data access for products. Takes the EntityManager of the current call (a fresh fork per RPC), so
 * no identity map is ever shared between requests.
 */
export class ProductRepository {
  constructor(private readonly em: EntityManager) {}

  async create(input: ValidProductInput): Promise<Product> {
    const now = new Date();
    const product = this.em.create(ProductEntity, { id: randomUUID(), ...input, createdAt: now, updatedAt: now });
    await this.em.persistAndFlush(product);
    return product;
  }

  findById(id: string): Promise<Product | null> {
    return this.em.findOne(ProductEntity, { id });
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest): Promise<{ items: Product[]; hasMore: boolean }> {
    const rows = await this.em.find(
      ProductEntity,
      { seq: { $gt: page.afterSeq } },
      { orderBy: { seq: 'asc' }, limit: page.limit + 1 },
    );
    return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
  }
}
