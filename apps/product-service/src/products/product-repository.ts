import { randomUUID } from 'node:crypto';
import { asDate, type SqlClient } from '@ecommerce/persistence';
import type { PageRequest } from '@ecommerce/paging';
import type { Product } from './product.entity.js';
import type { ValidProductInput } from './product-validation.js';

/** A product row as the drivers return it. */
interface ProductRow {
  seq: number;
  id: string;
  name: string;
  description: string;
  price_minor: number;
  currency: string;
  stock: number | null;
  created_at: unknown;
  updated_at: unknown;
}

const SELECT = 'select seq, id, name, description, price_minor, currency, stock, created_at, updated_at from product';

function toProduct(row: ProductRow): Product {
  return {
    seq: Number(row.seq),
    id: row.id,
    name: row.name,
    description: row.description,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    stock: row.stock === null ? null : Number(row.stock),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

/** Data access for products: bound SQL on the table the entity defines. */
export class ProductRepository {
  constructor(private readonly db: SqlClient) {}

  async create(input: ValidProductInput): Promise<Product> {
    const now = new Date();
    const id = randomUUID();
    const row = await this.db.get<{ seq: number }>(
      'insert into product (id, name, description, price_minor, currency, stock, created_at, updated_at) '
        + 'values (?, ?, ?, ?, ?, ?, ?, ?) returning seq',
      [id, input.name, input.description, input.priceMinor, input.currency, input.stock, now, now],
    );
    return { seq: Number(row?.seq), id, ...input, createdAt: now, updatedAt: now };
  }

  async findById(id: string): Promise<Product | undefined> {
    const row = await this.db.get<ProductRow>(`${SELECT} where id = ?`, [id]);
    return row && toProduct(row);
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest): Promise<{ items: Product[]; hasMore: boolean }> {
    const rows = await this.db.all<ProductRow>(`${SELECT} where seq > ? order by seq limit ?`, [page.afterSeq, page.limit + 1]);
    return { items: rows.slice(0, page.limit).map(toProduct), hasMore: rows.length > page.limit };
  }
}
