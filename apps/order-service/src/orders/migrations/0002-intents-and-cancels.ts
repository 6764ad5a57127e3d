import { SchemaMigration } from '@ecommerce/persistence';

/**
 * Order intents and cancels. An intent is recorded before stock is reserved and removed when the
 * order is confirmed, so a crash in between leaves a trace the reconciler can act on (release the
 * reservation); `expires_at` is its lease. `cancelled_at` is when an order was cancelled; orders
 * in status CANCELLING still owe product-service their stock back.
 */
export class IntentsAndCancels extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('order_intent', (table) => {
      table.uuid('order_id').notNullable().primary();
      table.uuid('product_id').notNullable();
      table.integer('quantity').notNullable();
      table.string('state', 16).notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
      table.datetime('expires_at', { useTz: true }).notNullable().index();
    }));
    this.addSchemaSql(this.schema().alterTable('orders', (table) => {
      table.datetime('cancelled_at', { useTz: true }).nullable();
      table.index(['status']);
    }));
  }
}
