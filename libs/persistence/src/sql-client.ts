/**
 * How services read and write their own tables: plain SQL with `?` placeholders, every value bound
 * as a parameter by the driver (never written into the SQL text), on SQLite and PostgreSQL alike.
 *
 * Portable SQL only: `?` placeholders (PostgreSQL's `$1..$n` are derived), `RETURNING`,
 * `ON CONFLICT`, no booleans (0/1 integers), timestamps bound as Dates and read with `asDate`.
 * Table names are unqualified: on PostgreSQL every connection's search_path is the service's schema.
 */
export interface SqlClient {
  readonly dialect: 'sqlite' | 'postgresql';
  /** Every row the statement returns. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Database extends SqlClient {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Do no
   * other I/O inside (on SQLite every other statement waits for the transaction), and use only
   * the `tx` client it is given.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other process sharing this database is running work under the same
   * `name` (a PostgreSQL advisory lock; SQLite has one process per file, so it always runs).
   * Resolves with work's result, or undefined when another process holds the lock. Unlike a
   * transaction, `work` may do other I/O (it uses this database's own statements).
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Closes the connection(s); statements still queued fail. */
  close(): Promise<void>;
}

/** A timestamp column as the driver returns it (SQLite: epoch ms; PostgreSQL: Date) -> Date. */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/** True for a unique-constraint violation on either engine (a duplicate key). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
