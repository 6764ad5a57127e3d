import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { ormConfig, type ServiceSchema, type StoreLocation } from './orm-config.js';
import { PostgresDatabase } from './postgres-database.js';
import type { Database } from './sql-client.js';
import { SqliteDatabase, type SqliteSynchronous } from './sqlite-database.js';

export interface OpenOptions {
  /** SQLite durability (see SqliteSynchronous). @default "NORMAL" */
  synchronous?: SqliteSynchronous;
  /** Receives MikroORM's own messages (migrations applied); silent when absent. */
  log?: (message: string) => void;
  /** PostgreSQL pool size. @default 10 */
  maxConnections?: number;
}

/**
 * Runs `work` holding the schema's migration lock: on PostgreSQL a session advisory lock, so
 * replicas starting together migrate one after the other (the later ones find nothing to do);
 * SQLite has one process per file.
 */
async function withMigrationLock<T>(location: StoreLocation, schemaName: string, work: () => Promise<T>): Promise<T> {
  if (!location.url) return work();
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`migrations:${schemaName}`]);
    return await work();
  } finally {
    await client.end();
  }
}

/**
 * MikroORM initialised on the service's store with every pending migration applied: the schema
 * is brought up to date, so a data file from an older version keeps working after an upgrade.
 * Concurrent processes on one PostgreSQL database migrate one at a time. The caller owns the ORM
 * and closes it.
 */
export async function migrate(schema: ServiceSchema, location: StoreLocation, log?: (message: string) => void): Promise<MikroORM> {
  if (!location.url && location.sqlitePath !== ':memory:') mkdirSync(dirname(location.sqlitePath), { recursive: true });
  return withMigrationLock(location, schema.schema, async () => {
    const orm = await MikroORM.init(ormConfig(schema, location, log));
    try {
      if (location.url) await orm.em.getConnection().execute(`create schema if not exists "${schema.schema}"`);
      await orm.getMigrator().up();
      return orm;
    } catch (error) {
      await orm.close();
      throw error;
    }
  });
}

/**
 * Opens a service's database for its handlers: migrations first (MikroORM), then the connection
 * the service's SQL runs on, every value bound as a parameter. On SQLite that is the very
 * connection MikroORM migrated (so ":memory:" works too); on PostgreSQL a pg pool whose
 * search_path is the service's schema. Close it on shutdown.
 */
export async function openDatabase(schema: ServiceSchema, location: StoreLocation, options: OpenOptions = {}): Promise<Database> {
  const orm = await migrate(schema, location, options.log);
  if (location.url) {
    await orm.close();
    return new PostgresDatabase({ url: location.url, schema: schema.schema, maxConnections: options.maxConnections });
  }
  const knex = (orm.em.getConnection() as AbstractSqlConnection).getKnex();
  const connection = (await knex.client.acquireConnection()) as BetterSqlite3.Database;
  const database = new SqliteDatabase(connection, async () => {
    await knex.client.releaseConnection(connection);
    await orm.close();
  });
  database.configure({ synchronous: options.synchronous ?? 'NORMAL', inMemory: location.sqlitePath === ':memory:' });
  return database;
}

/**
 * The SQL MikroORM would run to make the migrated schema match the entities: empty when the
 * migrations and the entities describe the same tables.
 */
export async function schemaDrift(orm: MikroORM): Promise<string> {
  // Only the service's own schema: on a shared PostgreSQL database the other services' tables are
  // not this service's business (SQLite has one schema and ignores it).
  const schema = orm.config.get('schema');
  return (await orm.schema.getUpdateSchemaSQL({ wrap: false, ...(schema ? { schema } : {}) })).trim();
}
