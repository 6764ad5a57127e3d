import { SchemaMigration } from '@ecommerce/persistence';

/** The idempotency_key table (IdempotencyKeyEntity); each service appends it to its own migrations. */
export class IdempotencyKeysMigration extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('idempotency_key', (table) => {
      table.string('scope', 64).notNullable();
      table.string('operation', 64).notNullable();
      table.string('key', 255).notNullable();
      table.string('fingerprint', 64).notNullable();
      table.string('state', 16).notNullable();
      table.string('resource_id', 64).nullable();
      table.text('outcome').nullable();
      table.datetime('locked_until', { useTz: true }).notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
      table.datetime('expires_at', { useTz: true }).notNullable().index();
      table.primary(['scope', 'operation', 'key']);
    }));
  }
}
