import { randomBytes } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { SchemaMigration } from './schema-migration.js';
import type { SqlClient } from './sql-client.js';

/**
 * Secrets a service generates for itself when none is configured (e.g. its page-token key), kept
 * in its own database so every replica sharing it, and every restart, uses the same one.
 */
export const ServiceSecretEntity = defineEntity({
  name: 'ServiceSecret',
  tableName: 'service_secret',
  properties: {
    name: p.string().length(64).primary(),
    /** base64url of 32 random bytes. */
    value: p.text(),
    createdAt: p.datetime(),
  },
});

/** The service_secret table (ServiceSecretEntity); each service appends it to its own migrations. */
export class ServiceSecretsMigration extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('service_secret', (table) => {
      table.string('name', 64).notNullable().primary();
      table.text('value').notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
    }));
  }
}

/**
 * The secret stored under `name`, created (32 random bytes) by whichever process asks first:
 * concurrent first calls from several replicas all end up with the one that was inserted.
 */
export async function storedSecret(db: SqlClient, name: string): Promise<string> {
  await db.run('insert into service_secret (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing',
    [name, randomBytes(32).toString('base64url'), new Date()]);
  const row = await db.get<{ value: string }>('select value from service_secret where name = ?', [name]);
  if (!row) throw new Error(`service secret ${name} could not be stored`);
  return row.value;
}
