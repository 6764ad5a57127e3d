import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { PageRequest } from '@ecommerce/paging';
import { OrderEntity, type Order, type OrderStatusName } from './order.entity.js';
import type { OrderPrice } from './order-pricing.js';

/** Everything needed to store a new order: the checked product, the quantity and its exact price. */
export interface NewOrder extends OrderPrice {
  productId: string;
  quantity: number;
  status: OrderStatusName;
}

/**
 * Data access for orders. Takes the EntityManager of the current call (a fresh fork per RPC), so
 * no identity map is ever shared between requests.
 */
export class OrderRepository {
  constructor(private readonly em: EntityManager) {}

  async create(input: NewOrder): Promise<Order> {
    const order = this.em.create(OrderEntity, { id: randomUUID(), ...input, createdAt: new Date() });
    await this.em.persistAndFlush(order);
    return order;
  }

  findById(id: string): Promise<Order | null> {
    return this.em.findOne(OrderEntity, { id });
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest): Promise<{ items: Order[]; hasMore: boolean }> {
    const rows = await this.em.find(
      OrderEntity,
      { seq: { $gt: page.afterSeq } },
      { orderBy: { seq: 'asc' }, limit: page.limit + 1 },
    );
    return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
  }
}
