import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';

/** Server the tests use: the machine's PostgreSQL on loopback (trust auth). */
export const POSTGRES_ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Both stores the platform supports; handler tests run on each. */
export const STORES = ['sqlite', 'postgresql'] as const;
export type StoreKind = (typeof STORES)[number];

/** A fresh temporary data directory; call the returned cleanup when done. */
export function tempDataDir(prefix = 'ecommerce-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A throw-away PostgreSQL database, so runs never see each other's rows. Returns its URL and a
 * drop function for `after`.
 */
export async function createTempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ecommerce_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
    }),
  };
}

/**
 * A throw-away store of `kind`, as the services' `openDatabase` takes it: SQLite in memory (or,
 * with `reopenable`, a file in a temporary folder, for tests that close and open it again), or a
 * fresh PostgreSQL database. `drop` removes it.
 */
export async function tempStore(kind: StoreKind, options: { reopenable?: boolean } = {}): Promise<{ location: { url?: string; sqlitePath: string }; drop(): Promise<void> }> {
  if (kind === 'sqlite' && options.reopenable) {
    const data = tempDataDir('ecommerce-store-');
    return { location: { sqlitePath: join(data.dir, 'store.sqlite') }, drop: async () => data.cleanup() };
  }
  if (kind === 'sqlite') return { location: { sqlitePath: ':memory:' }, drop: async () => undefined };
  const database = await createTempPostgresDatabase();
  return { location: { url: database.url, sqlitePath: ':memory:' }, drop: database.drop };
}

/** Runs an SQL script (e.g. a pg_dump with --inserts) against a PostgreSQL database. */
export async function runSql(url: string, script: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}

/**
 * A throw-away copy of a committed store fixture (what an earlier release left behind): the SQLite
 * file copied into a temporary folder, or the SQL dump loaded into a fresh PostgreSQL database.
 * The fixture itself is never opened (an open WAL-mode SQLite file is written to).
 */
export async function fixtureStore(kind: StoreKind, fixture: { sqliteFile: string; postgresDump: string }):
  Promise<{ location: { url?: string; sqlitePath: string }; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const data = tempDataDir('ecommerce-fixture-');
    const sqlitePath = join(data.dir, basename(fixture.sqliteFile));
    copyFileSync(fixture.sqliteFile, sqlitePath);
    return { location: { sqlitePath }, drop: async () => data.cleanup() };
  }
  const database = await createTempPostgresDatabase();
  await runSql(database.url, readFileSync(fixture.postgresDump, 'utf8'));
  return { location: { url: database.url, sqlitePath: ':memory:' }, drop: database.drop };
}
