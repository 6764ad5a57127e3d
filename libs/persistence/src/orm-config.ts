import { defineConfig, type Constructor, type EntitySchema, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { SchemaMigration } from './schema-migration.js';

/** A service's schema: its entities (the one definition of its tables) and the migrations that build them. */
export interface ServiceSchema {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, any>[];
  /** Ordered; each runs once (recorded in mikro_orm_migrations). Append, never edit a released one. */
  migrations: { name: string; class: Constructor<SchemaMigration> }[];
  /** PostgreSQL schema that holds the service's tables, so services can share one database. */
  schema: string;
}

/** Where a service's data lives: PostgreSQL when `url` is set, else the SQLite file (or ":memory:"). */
export interface StoreLocation {
  url?: string | undefined;
  sqlitePath: string;
}

/**
 * The MikroORM configuration of a service: the same for the service at start-up (migrations), for
 * the schema checks in tests, and for `@mikro-orm/cli` (each service's src/mikro-orm.config.ts).
 */
export function ormConfig(schema: ServiceSchema, location: StoreLocation, log?: (message: string) => void): Options {
  const common = {
    entities: schema.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: schema.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      disableForeignKeys: false,
    },
    allowGlobalContext: false,
    debug: ['info' as const],
    logger: log ?? (() => undefined),
    colors: false,
  };
  return location.url
    ? defineConfig({ ...common, driver: PostgreSqlDriver, clientUrl: location.url, schema: schema.schema })
    : defineConfig({ ...common, driver: BetterSqliteDriver, dbName: location.sqlitePath });
}
