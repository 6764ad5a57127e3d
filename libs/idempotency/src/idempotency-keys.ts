import { ensureActive, ensureStillWaiting, type CallContext } from '@ecommerce/grpc-kit';
import type { Logger } from '@ecommerce/logging';
import type { Database, SqlClient } from '@ecommerce/persistence';
import type { IdempotentRequest, MessageCodec } from './idempotent-request.js';
import { answerFromStored, KeyTable, KeyTakenError } from './key-table.js';
import { failureOutcome, isStoredFailure, successOutcome, type Outcome } from './outcome.js';

export interface IdempotencyOptions {
  /** How long a finished key is kept (IDEMPOTENCY_KEY_TTL_MS; 24 h by default). */
  ttlMs: number;
}

type Caller = Pick<CallContext, 'cancelled' | 'deadline' | 'responseMetadata'>;

/**
 * Runs `work` in one transaction and commits it only if the caller is still waiting (not cancelled,
 * deadline not passed): the home of "no write for a caller that has given up" for unkeyed writes.
 */
export async function commitIfWaiting<T>(db: Database, caller: Pick<CallContext, 'cancelled' | 'deadline'>, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  await ensureStillWaiting(caller);
  return db.transaction(async (tx) => {
    const result = await work(tx);
    ensureActive(caller);
    return result;
  });
}

/** Attempts at storing a key before giving up: each lost attempt means another request stored it. */
const ATTEMPTS = 3;

/**
 * Keyed writes (AIP-155 request_id) of one service, Stripe's semantics: the first request with a
 * key runs and its outcome (response, or the caller's own 4xx mistake) is stored with the key in
 * the write's own transaction; the same key and request again answer that outcome, replayed; the
 * same key with another request is IDEMPOTENCY_KEY_REUSED. Transient failures store nothing.
 * Every write commits only while its caller is still waiting (ensureActive).
 */
export class IdempotencyKeys {
  constructor(private readonly db: Database, readonly options: IdempotencyOptions) {}

  /** When a key stored now expires. */
  expiry(from = Date.now()): Date {
    return new Date(from + this.options.ttlMs);
  }

  /**
   * A write that commits in one transaction, once per key: `work` and the key's outcome commit
   * together, so a crash keeps both or neither, and concurrent requests with one key make one write
   * (the losers' transactions roll back and replay the winner's outcome). Without a key: `work` in
   * a transaction, committed only while the caller waits.
   */
  async write<T>(request: IdempotentRequest | undefined, codec: MessageCodec<T>, caller: Caller, work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!request) return commitIfWaiting(this.db, caller, work);
    await ensureStillWaiting(caller);
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown;
      try {
        return await this.db.transaction(async (tx) => {
          const result = await work(tx);
          await new KeyTable(tx).insert(request, { outcome: successOutcome(codec, result), expiresAt: this.expiry() });
          ensureActive(caller);
          return result;
        });
      } catch (error) {
        if (!(error instanceof KeyTakenError) && !isStoredFailure(error)) throw error;
        failure = error;
      }
      // Either the key is taken (replay it) or the write refused the request (store that, then answer it).
      if (isStoredFailure(failure) && (await this.tryStore(request, failureOutcome(failure), caller))) throw failure;
      const replayed = await this.replay(request, codec, caller);
      if (replayed) return replayed.value;
      if (attempt >= ATTEMPTS) throw new Error(`could not store idempotency key ${request.operation}/${request.key}`);
    }
  }

  /**
   * A write that does its own I/O (another service, several transactions) and is safe to run
   * twice: the first outcome stored for the key is the answer, to this request and every retry.
   */
  async once<T>(request: IdempotentRequest | undefined, codec: MessageCodec<T>, caller: Caller, work: () => Promise<T>): Promise<T> {
    if (!request) return work();
    const earlier = await this.replay(request, codec, caller);
    if (earlier) return earlier.value;
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (isStoredFailure(error) && !(await this.tryStore(request, failureOutcome(error), caller))) {
        const winner = await this.replay(request, codec, caller);
        if (winner) return winner.value;
      }
      throw error;
    }
    if (await this.tryStore(request, successOutcome(codec, result), caller)) return result;
    const winner = await this.replay(request, codec, caller);
    return winner ? winner.value : result;
  }

  /**
   * The stored answer for a key: `{ value }` (or the stored failure, thrown), or undefined when no
   * live key is stored (an expired one is removed, so the request runs afresh).
   */
  async replay<T>(request: IdempotentRequest, codec: MessageCodec<T>, caller: Caller, db: SqlClient = this.db): Promise<{ value: T } | undefined> {
    const table = new KeyTable(db);
    const stored = await table.find(request);
    if (!stored) return undefined;
    if (stored.expiresAt.getTime() <= Date.now()) {
      await table.remove(request);
      return undefined;
    }
    return { value: answerFromStored(stored, request, codec, caller) };
  }

  /** Deletes keys past their retention; @returns how many. */
  purgeExpired(now = new Date()): Promise<number> {
    return new KeyTable(this.db).purgeExpired(now);
  }

  /**
   * Purges expired keys every `intervalMs` (default: the retention, at most a minute) until the
   * returned stop() is called. A failed purge is logged; the next one retries.
   */
  startPurging(logger: Logger, intervalMs = Math.min(this.options.ttlMs, 60_000)): () => void {
    const timer = setInterval(() => {
      this.purgeExpired().then(
        (purged) => {
          if (purged > 0) logger.info({ purged }, 'expired idempotency keys purged');
        },
        (error: unknown) => logger.warn({ err: error }, 'idempotency key purge failed; the next one retries'),
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Stores a finished outcome for the key; false when another request stored one first. */
  private async tryStore(request: IdempotentRequest, outcome: Outcome, caller: Caller): Promise<boolean> {
    try {
      await this.db.transaction(async (tx) => {
        await new KeyTable(tx).insert(request, { outcome, expiresAt: this.expiry() });
        ensureActive(caller);
      });
      return true;
    } catch (error) {
      if (error instanceof KeyTakenError) return false;
      throw error;
    }
  }
}
