import { randomUUID } from 'node:crypto';
import { asDate, type SqlClient } from '@ecommerce/persistence';
import type { PageRequest } from '@ecommerce/paging';
import { productEtag } from './etags.js';
import type { Product } from './product.entity.js';
import type { ProductChanges, ValidProductInput } from './product-validation.js';

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
  version: number;
  stock_version: number;
  stock_updated_at: unknown;
  deleted_at: unknown;
}

const COLUMNS = 'seq, id, name, description, price_minor, currency, stock, created_at, updated_at, '
  + 'version, stock_version, stock_updated_at, deleted_at';
/** Every read sees live products only. */
const SELECT_LIVE = `select ${COLUMNS} from product where deleted_at is null`;

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
    version: Number(row.version),
    stockVersion: Number(row.stock_version),
    stockUpdatedAt: row.stock_updated_at === null ? null : asDate(row.stock_updated_at),
    deletedAt: row.deleted_at === null ? null : asDate(row.deleted_at),
  };
}

/** `set` assignments and their bound values. */
class Assignments {
  readonly sql: string[] = [];
  readonly values: unknown[] = [];

  add(sql: string, ...values: unknown[]): void {
    this.sql.push(sql);
    this.values.push(...values);
  }
}

/** `and <column> in (...)` for an etag condition; nothing when any version will do. */
function versionCondition(column: string, versions: number[] | undefined): { sql: string; values: number[] } {
  if (versions === undefined) return { sql: '', values: [] };
  return { sql: ` and ${column} in (${versions.map(() => '?').join(', ') || 'null'})`, values: versions };
}

/** Data access for products: bound SQL on the table the entity defines. */
export class ProductRepository {
  constructor(private readonly db: SqlClient) {}

  async create(input: ValidProductInput): Promise<Product> {
    const now = new Date();
    const id = randomUUID();
    const row = await this.db.get<{ seq: number }>(
      'insert into product (id, name, description, price_minor, currency, stock, created_at, updated_at, version, stock_version) '
        + 'values (?, ?, ?, ?, ?, ?, ?, ?, 1, 1) returning seq',
      [id, input.name, input.description, input.priceMinor, input.currency, input.stock, now, now],
    );
    return { seq: Number(row?.seq), id, ...input, createdAt: now, updatedAt: now, version: 1, stockVersion: 1, stockUpdatedAt: null, deletedAt: null };
  }

  /** A live product; with `includeDeleted`, a deleted one too (reservations made before the delete). */
  async findById(id: string, options: { includeDeleted?: boolean } = {}): Promise<Product | undefined> {
    const row = options.includeDeleted
      ? await this.db.get<ProductRow>(`select ${COLUMNS} from product where id = ?`, [id])
      : await this.db.get<ProductRow>(`${SELECT_LIVE} and id = ?`, [id]);
    return row && toProduct(row);
  }

  /** One page in insertion order, plus whether more items follow it. */
  async list(page: PageRequest): Promise<{ items: Product[]; hasMore: boolean }> {
    const rows = await this.db.all<ProductRow>(`${SELECT_LIVE} and seq > ? order by seq limit ?`, [page.afterSeq, page.limit + 1]);
    return { items: rows.slice(0, page.limit).map(toProduct), hasMore: rows.length > page.limit };
  }

  /**
   * Applies `changes` to a live product if its current version is one of `versions` (any when
   * undefined), in one conditional statement each, so concurrent updates with the same version
   * cannot both apply. A catalog change bumps `version`; a stock change bumps `stock_version`.
   * @returns the product after the change, or undefined when it is missing or its version moved on
   */
  async update(id: string, changes: ProductChanges, versions: number[] | undefined): Promise<Product | undefined> {
    const now = new Date();
    const set = new Assignments();
    if (changes.name !== undefined) set.add('name = ?', changes.name);
    if (changes.description !== undefined) set.add('description = ?', changes.description);
    if (changes.priceMinor !== undefined) set.add('price_minor = ?, currency = ?', changes.priceMinor, changes.currency);
    if (set.sql.length > 0) set.add('version = version + 1, updated_at = ?', now);
    if (changes.stock !== undefined) set.add('stock = ?, stock_version = stock_version + 1, stock_updated_at = ?', changes.stock, now);
    if (set.sql.length === 0) set.add('id = id');
    const condition = versionCondition('version', versions);
    const changed = await this.db.run(
      `update product set ${set.sql.join(', ')} where id = ? and deleted_at is null${condition.sql}`,
      [...set.values, id, ...condition.values],
    );
    return changed === 0 ? undefined : this.findById(id);
  }

  /** Marks a live product deleted if its version is one of `versions` (any when undefined); true when it did. */
  async delete(id: string, versions: number[] | undefined): Promise<boolean> {
    const condition = versionCondition('version', versions);
    return (await this.db.run(`update product set deleted_at = ? where id = ? and deleted_at is null${condition.sql}`,
      [new Date(), id, ...condition.values])) > 0;
  }

  /** Sets the stock of a live product if its stock version is one of `versions` (any when undefined). */
  async setStock(id: string, stock: number | null, versions: number[] | undefined): Promise<Product | undefined> {
    const condition = versionCondition('stock_version', versions);
    const changed = await this.db.run(
      `update product set stock = ?, stock_version = stock_version + 1, stock_updated_at = ? where id = ? and deleted_at is null${condition.sql}`,
      [stock, new Date(), id, ...condition.values],
    );
    return changed === 0 ? undefined : this.findById(id);
  }
}

/**
 * RFC 9110 If-Match as a version condition: no etags or "*" mean any version (of a live product);
 * otherwise the versions whose strong entity-tags are listed (weak or foreign tags match none).
 */
export function versionsOf(etags: readonly string[], etagOf: (version: number) => string = productEtag): number[] | undefined {
  if (etags.length === 0 || etags.includes('*')) return undefined;
  return etags.flatMap((etag) => {
    const match = /^"(?:stock-)?(\d{1,9})"$/.exec(etag);
    const version = match ? Number(match[1]) : NaN;
    return Number.isSafeInteger(version) && etagOf(version) === etag ? [version] : [];
  });
}
