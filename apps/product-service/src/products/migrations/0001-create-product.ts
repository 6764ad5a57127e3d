import { SchemaMigration } from '@ecommerce/persistence';

/** Creates the product table. Written with knex's schema builder so it runs on SQLite and PostgreSQL. */
export class CreateProduct extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('product', (table) => {
      table.increments('seq').primary();
      table.uuid('id').notNullable().unique();
      table.string('name', 200).notNullable();
      table.text('description').notNullable();
      table.bigInteger('price_minor').notNullable();
      table.string('currency', 3).notNullable();
      table.integer('stock').nullable();
      table.datetime('created_at', { useTz: true }).notNullable();
      table.datetime('updated_at', { useTz: true }).notNullable();
    }));
  }
}
