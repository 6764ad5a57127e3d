import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM, type Constructor, type EntitySchema, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { SchemaMigration } from './schema-migration.js';

export interface DatabaseOptions {
  /**
   * PostgreSQL connection URL (postgres://user@host:5432/db). When absent, the embedded default is
   * used: an SQLite file at `sqlitePath`.
   */
  url?: string | undefined;
  /** SQLite file, created with its folder on first start. */
  sqlitePath: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, any>[];
  /** Ordered migrations, applied at start; each runs once (recorded in mikro_orm_migrations). */
  migrations: { name: string; class: Constructor<SchemaMigration> }[];
  /** Schema (PostgreSQL) used for this service's tables, so services can share one database. */
  schema?: string;
  /** Receives MikroORM's own messages (migrations applied); silent when absent. */
  log?: (message: string) => void;
}

/**
 * Opens the service's database and brings its schema up to date with the migrations, so a data
 * file from an older version keeps working after an upgrade. Call `orm.close()` on shutdown.
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const common: Partial<Options> = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      disableForeignKeys: false,
    },
    allowGlobalContext: false,
    debug: ['info'],
    logger: options.log ?? (() => undefined),
    colors: false,
  };
  let orm: MikroORM;
  if (options.url) {
    orm = await MikroORM.init({ ...common, driver: PostgreSqlDriver, clientUrl: options.url, schema: options.schema });
    if (options.schema) await orm.em.getConnection().execute(`create schema if not exists "${options.schema}"`);
  } else {
    mkdirSync(dirname(options.sqlitePath), { recursive: true });
    orm = await MikroORM.init({ ...common, driver: BetterSqliteDriver, dbName: options.sqlitePath });
    // WAL lets readers proceed while a write commits.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
  }
  await orm.getMigrator().up();
  return orm;
}
