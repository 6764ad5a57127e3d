import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Server the integration tests use: the machine's PostgreSQL on loopback (trust auth). */
export const POSTGRES_ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates a throw-away PostgreSQL database for one test file, so runs never see each other's rows.
 * Returns its URL and a drop function for `after`.
 */
export async function createTempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ecommerce_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
