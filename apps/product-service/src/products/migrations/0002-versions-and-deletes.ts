import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Optimistic concurrency and deletes: `version` (the catalog fields' etag), `stock_version` and
 * `stock_updated_at` (stock is its own resource), `deleted_at` (a deleted product keeps its row,
 * so orders placed before and their reservations still refer to something). Existing rows start
 * at version 1, not deleted.
 */
export class VersionsAndDeletes extends SchemaMigration {
  override async up(): Promise<void> {
    // A raw default: knex quotes a number as '1' on SQLite, which is not what the entity declares.
    const one = this.getKnex().raw('1');
    this.addSchemaSql(this.schema().alterTable('product', (table) => {
      table.integer('version').notNullable().defaultTo(one);
      table.integer('stock_version').notNullable().defaultTo(one);
      table.datetime('stock_updated_at', { useTz: true }).nullable();
      table.datetime('deleted_at', { useTz: true }).nullable();
    }));
  }
}
