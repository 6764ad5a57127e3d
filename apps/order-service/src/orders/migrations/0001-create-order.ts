import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Creates the orders table. Written with knex's schema builder (scoped to the service's schema by
 * SchemaMigration) so it runs on SQLite and PostgreSQL.
 * `status` is a plain string column rather than a database enum, so adding a state later needs no
 * ALTER TYPE. The migrator records this migration once; later starts skip it.
 */
export class CreateOrder extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('orders', (table) => {
      table.increments('seq').primary();
      table.uuid('id').notNullable().unique();
      table.uuid('product_id').notNullable().index();
      table.integer('quantity').notNullable();
      table.bigInteger('unit_price_minor').notNullable();
      table.bigInteger('total_price_minor').notNullable();
      table.string('currency', 3).notNullable();
      table.string('status', 32).notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
    }));
  }
}
