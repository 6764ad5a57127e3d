import pg from 'pg';
import type { Database, SqlClient } from './sql-client.js';

/** `?` placeholders -> `$1..$n` (the platform's SQL has no `?` inside string literals). */
const converted = new Map<string, string>();
function toPostgres(sql: string): string {
  let text = converted.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    converted.set(sql, text);
  }
  return text;
}

/** int8 (bigint) columns: every value the platform stores is within Number.MAX_SAFE_INTEGER. */
const INT8 = 20;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
};

function clientOf(query: (text: string, values: unknown[]) => Promise<pg.QueryResult>): SqlClient {
  return {
    dialect: 'postgresql',
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await query(toPostgres(sql), [...params])).rows as T[],
    get: async <T>(sql: string, params: readonly unknown[] = []) => (await query(toPostgres(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => (await query(toPostgres(sql), [...params])).rowCount ?? 0,
  };
}

export interface PostgresOptions {
  url: string;
  /** The service's own schema: every connection's search_path, so SQL names tables unqualified. */
  schema: string;
  /** Connections in the pool. @default 10 */
  maxConnections?: number;
}

/** A pg connection pool; transactions take one connection for their whole duration. */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgresql' as const;
  readonly pool: pg.Pool;
  private readonly client: SqlClient;

  constructor(options: PostgresOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${options.schema}`,
      types,
    });
    // An idle connection that the server drops must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.client = clientOf((text, values) => this.pool.query(text, values));
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.client.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.client.get<T>(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.client.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    try {
      await connection.query('BEGIN');
      const result = await work(clientOf((text, values) => connection.query(text, values)));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** A session-level advisory lock on a connection of its own, held while `work` runs. */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    const connection = await this.pool.connect();
    try {
      const { rows } = await connection.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [name]);
      if (!rows[0]?.locked) return undefined;
      try {
        return await work();
      } finally {
        await connection.query('select pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      connection.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
