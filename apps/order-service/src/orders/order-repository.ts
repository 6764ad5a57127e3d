import { asDate, type SqlClient } from '@ecommerce/persistence';
import type { PageRequest } from '@ecommerce/paging';
import type { Order, StoredOrderStatus } from './order.entity.js';
import type { OrderPrice } from './order-pricing.js';

/** Everything needed to store a confirmed order: its id, the product, the quantity and its exact price. */
export interface NewOrder extends OrderPrice {
  id: string;
  productId: string;
  quantity: number;
}

/** Which orders a list shows: all, or only one product's, and/or only those in some statuses. */
export interface OrderFilter {
  productId?: string | undefined;
  statuses?: StoredOrderStatus[] | undefined;
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
  status: StoredOrderStatus;
  created_at: unknown;
  cancelled_at: unknown;
}

const SELECT = 'select seq, id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at, cancelled_at from orders';

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
    cancelledAt: row.cancelled_at === null ? null : asDate(row.cancelled_at),
  };
}

/** Data access for orders: bound SQL on the table the entity defines. */
export class OrderRepository {
  constructor(private readonly db: SqlClient) {}

  /** Inserts a confirmed order (inside the transaction that also removes its intent). */
  async insertConfirmed(input: NewOrder): Promise<Order> {
    const createdAt = new Date();
    const row = await this.db.get<{ seq: number }>(
      'insert into orders (id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at) '
        + "values (?, ?, ?, ?, ?, ?, 'CONFIRMED', ?) returning seq",
      [input.id, input.productId, input.quantity, input.unitPriceMinor, input.totalPriceMinor, input.currency, createdAt],
    );
    return { seq: Number(row?.seq), ...input, status: 'CONFIRMED', createdAt, cancelledAt: null };
  }

  async findById(id: string): Promise<Order | undefined> {
    const row = await this.db.get<OrderRow>(`${SELECT} where id = ?`, [id]);
    return row && toOrder(row);
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest, filter: OrderFilter = {}): Promise<{ items: Order[]; hasMore: boolean }> {
    const where = ['seq > ?'];
    const values: unknown[] = [page.afterSeq];
    if (filter.productId) {
      where.push('product_id = ?');
      values.push(filter.productId);
    }
    if (filter.statuses?.length) {
      where.push(`status in (${filter.statuses.map(() => '?').join(', ')})`);
      values.push(...filter.statuses);
    }
    const rows = await this.db.all<OrderRow>(`${SELECT} where ${where.join(' and ')} order by seq limit ?`, [...values, page.limit + 1]);
    return { items: rows.slice(0, page.limit).map(toOrder), hasMore: rows.length > page.limit };
  }

  /** CONFIRMED -> CANCELLING, for one caller only: true when this call made the move. */
  async beginCancel(id: string): Promise<boolean> {
    return (await this.db.run("update orders set status = 'CANCELLING', cancelled_at = ? where id = ? and status = 'CONFIRMED'", [new Date(), id])) > 0;
  }

  /** CANCELLING -> CANCELLED, once product-service has taken the stock back. */
  async finishCancel(id: string): Promise<void> {
    await this.db.run("update orders set status = 'CANCELLED' where id = ? and status = 'CANCELLING'", [id]);
  }

  /** Cancelled orders whose stock has not been given back yet (for the reconciler). */
  async cancelling(limit: number): Promise<string[]> {
    return (await this.db.all<{ id: string }>("select id from orders where status = 'CANCELLING' order by seq limit ?", [limit])).map((r) => r.id);
  }
}
