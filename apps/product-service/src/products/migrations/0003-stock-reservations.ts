import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Stock reservations, one per order id (the idempotency key of ReserveStock). `state` RESERVED
 * holds stock taken for an order; RELEASED means it was given back, or (product_id null) that the
 * order reserved nothing before it was released, so a late reservation for it is refused.
 */
export class StockReservations extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('stock_reservation', (table) => {
      table.uuid('order_id').notNullable().primary();
      table.uuid('product_id').nullable().index();
      table.integer('quantity').notNullable();
      table.string('state', 16).notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
      table.datetime('updated_at', { useTz: true }).notNullable();
    }));
  }
}
