import { randomUUID } from 'node:crypto';
import { asDate, type SqlClient } from '@ecommerce/persistence';
import type { PageRequest } from '@ecommerce/paging';
import type { Order, OrderStatusName } from './order.entity.js';
import type { OrderPrice } from './order-pricing.js';

/** Everything needed to store a new order: the checked product, the quantity and its exact price. */
export interface NewOrder extends OrderPrice {
  productId: string;
  quantity: number;
  status: OrderStatusName;
}

/** An order row as the drivers return it. */
interface OrderRow {
  seq: number;
  id: string;
  product_id: string;
  quantity: number;
  unit_price_minor: number;
  total_price_minor: number;
  currency: string;
  status: OrderStatusName;
  created_at: unknown;
}

const SELECT = 'select seq, id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at from orders';

function toOrder(row: OrderRow): Order {
  return {
    seq: Number(row.seq),
    id: row.id,
    productId: row.product_id,
    quantity: Number(row.quantity),
    unitPriceMinor: Number(row.unit_price_minor),
    totalPriceMinor: Number(row.total_price_minor),
    currency: row.currency,
    status: row.status,
    createdAt: asDate(row.created_at),
  };
}

/** Data access for orders: bound SQL on the table the entity defines. */
export class OrderRepository {
  constructor(private readonly db: SqlClient) {}

  async create(input: NewOrder): Promise<Order> {
    const id = randomUUID();
    const createdAt = new Date();
    const row = await this.db.get<{ seq: number }>(
      'insert into orders (id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at) '
        + 'values (?, ?, ?, ?, ?, ?, ?, ?) returning seq',
      [id, input.productId, input.quantity, input.unitPriceMinor, input.totalPriceMinor, input.currency, input.status, createdAt],
    );
    return { seq: Number(row?.seq), id, ...input, createdAt };
  }

  async findById(id: string): Promise<Order | undefined> {
    const row = await this.db.get<OrderRow>(`${SELECT} where id = ?`, [id]);
    return row && toOrder(row);
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest): Promise<{ items: Order[]; hasMore: boolean }> {
    const rows = await this.db.all<OrderRow>(`${SELECT} where seq > ? order by seq limit ?`, [page.afterSeq, page.limit + 1]);
    return { items: rows.slice(0, page.limit).map(toOrder), hasMore: rows.length > page.limit };
  }
}
