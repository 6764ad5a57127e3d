import type BetterSqlite3 from 'better-sqlite3';
import type { Database, SqlClient } from './sql-client.js';

/**
 * SQLite durability: `NORMAL` (WAL) makes a committed transaction survive a crash of the process,
 * and the file is never corrupted, but the last commits before an OS crash or power cut may be
 * lost; `FULL` also syncs the WAL on every commit, so they survive that too, at a cost per commit.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** SQLite has no booleans or dates: bind them as the integers the columns hold. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** WAL pages between automatic checkpoints (about 40 MB of 4 KB pages). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** The WAL file's size after a checkpoint. */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * One better-sqlite3 connection with a cache of prepared statements (each SQL text is prepared
 * once). better-sqlite3 is synchronous, so statements never interleave; a transaction, whose work
 * is async, holds the connection until it ends: statements issued meanwhile are queued behind it,
 * so no one reads a transaction's uncommitted rows.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly direct: SqlClient;

  constructor(private readonly connection: BetterSqlite3.Database, private readonly onClose: () => Promise<void>) {
    const statement = (sql: string): Statement => {
      let prepared = this.statements.get(sql);
      if (!prepared) {
        prepared = connection.prepare(sql);
        this.statements.set(sql, prepared);
      }
      return prepared;
    };
    const values = (params: readonly unknown[]) => params.map(bindable);
    this.direct = {
      dialect: 'sqlite',
      all: async <T>(sql: string, params: readonly unknown[] = []) => statement(sql).all(...values(params)) as T[],
      get: async <T>(sql: string, params: readonly unknown[] = []) => statement(sql).get(...values(params)) as T | undefined,
      run: async (sql: string, params: readonly unknown[] = []) => statement(sql).run(...values(params)).changes,
    };
  }

  /**
   * Sets the durability level and the pragmas every connection of the platform runs with. The WAL
   * is checkpointed into the database every WAL_AUTOCHECKPOINT_PAGES pages (SQLite's default is
   * 1,000): an order rewrites the same few table and index pages in two or three commits, and a
   * checkpoint copies each page once however often it changed since the last one, and syncs the
   * file, so checkpointing ten times less often saves most of that work (order-service's CPU per
   * order 388 -> 338-356 µs, measured). Durability is unchanged: what a commit survives is set by
   * `synchronous` alone. After a checkpoint the WAL file is cut back to JOURNAL_SIZE_LIMIT_BYTES.
   */
  configure(options: { synchronous: SqliteSynchronous; inMemory: boolean }): void {
    if (!options.inMemory) {
      this.connection.pragma('journal_mode = WAL');
      this.connection.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      this.connection.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    }
    this.connection.pragma(`synchronous = ${options.synchronous}`);
    this.connection.pragma('foreign_keys = ON');
    this.connection.pragma('busy_timeout = 5000');
  }

  /** The durability level in force (SQLite reports 1 for NORMAL, 2 for FULL). */
  synchronous(): SqliteSynchronous {
    return this.connection.pragma('synchronous', { simple: true }) === 2 ? 'FULL' : 'NORMAL';
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.queued === 0 ? this.direct.all<T>(sql, params) : this.enqueue(() => this.direct.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.queued === 0 ? this.direct.get<T>(sql, params) : this.enqueue(() => this.direct.get<T>(sql, params));
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.queued === 0 ? this.direct.run(sql, params) : this.enqueue(() => this.direct.run(sql, params));
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** One process per SQLite file: nobody else can hold the lock. */
  exclusive<T>(_name: string, work: () => Promise<T>): Promise<T | undefined> {
    return work();
  }

  async close(): Promise<void> {
    await this.tail;
    this.statements.clear();
    await this.onClose();
  }

  /** Runs `job` after everything queued before it, in order. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const run = this.tail.then(job).finally(() => {
      this.queued -= 1;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
