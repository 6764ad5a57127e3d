import { randomUUID } from 'node:crypto';
import { Order as OrderMessage } from '@ecommerce/contracts';
import { ensureActive, ensureStillWaiting, type CallContext } from '@ecommerce/grpc-kit';
import { KeyTable, KeyTakenError, answerFromStored, type IdempotencyKeys, type IdempotentRequest } from '@ecommerce/idempotency';
import type { Database } from '@ecommerce/persistence';
import { OrderIntents } from './order-intents.js';
import type { ValidOrderInput } from './order-validation.js';

/** The order id a placement works under, or the stored answer of an earlier request with its key. */
export type Claim = { orderId: string; resumed: boolean } | { replayed: OrderMessage };

/** Attempts at claiming a key: each lost one means another request changed the key meanwhile. */
const ATTEMPTS = 3;

/**
 * How CreateOrder gets its order id. Without a key: a new one, with its intent. With a key
 * (request_id), the key is recorded IN_PROGRESS with the order id in the transaction that records
 * the intent, before any stock is reserved. So a retry with the key either replays the stored
 * outcome, is told IDEMPOTENCY_KEY_IN_USE while the first attempt may still finish (until that
 * caller's deadline), or takes the first attempt's order id over: its reservation, keyed by that
 * id, then takes stock once.
 */
export class OrderClaims {
  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyKeys,
    private readonly leaseMs: number,
  ) {}

  async claim(input: ValidOrderInput, keyed: IdempotentRequest | undefined, context: CallContext): Promise<Claim> {
    await ensureStillWaiting(context);
    for (let attempt = 1; ; attempt += 1) {
      const orderId = randomUUID();
      try {
        await this.db.transaction(async (tx) => {
          if (keyed) {
            await new KeyTable(tx).insert(keyed, { resourceId: orderId, lockedUntil: this.lockedUntil(context), expiresAt: this.inProgressExpiry() });
          }
          await new OrderIntents(tx).record(orderId, input.productId, input.quantity, this.leaseMs);
          ensureActive(context);
        });
        return { orderId, resumed: false };
      } catch (error) {
        if (!keyed || !(error instanceof KeyTakenError)) throw error;
      }
      const resumed = await this.resume(keyed, context);
      if (resumed) return resumed;
      if (attempt >= ATTEMPTS) throw new Error(`could not claim idempotency key ${keyed.key}`);
    }
  }

  /** The request failed in a way worth retrying: its key is free for the retry at once (intent and reservation stay). */
  async release(keyed: IdempotentRequest): Promise<void> {
    await new KeyTable(this.db).unlock(keyed);
  }

  /**
   * A stored key: its answer (replay, REUSED, IN_USE), or its order id when the attempt holding it
   * is over and its intent still stands; undefined when the key is stale (expired, or its intent
   * gone): then it is removed and the caller claims afresh.
   */
  private async resume(keyed: IdempotentRequest, context: CallContext): Promise<Claim | undefined> {
    const table = new KeyTable(this.db);
    const stored = await table.find(keyed);
    if (!stored) return undefined;
    const now = new Date();
    if (stored.expiresAt <= now) {
      await table.remove(keyed);
      return undefined;
    }
    const holderIsOver = stored.state === 'IN_PROGRESS' && stored.lockedUntil <= now && stored.fingerprint === keyed.fingerprint;
    if (!holderIsOver || !stored.resourceId) return { replayed: answerFromStored(stored, keyed, OrderMessage, context) };
    const orderId = stored.resourceId;
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await new KeyTable(tx).lock(keyed, this.lockedUntil(context), now))) return 'taken';
      if (await new OrderIntents(tx).renew(orderId, this.leaseMs)) return 'resumed';
      await new KeyTable(tx).remove(keyed);
      return 'stale';
    });
    if (outcome === 'resumed') return { orderId, resumed: true };
    if (outcome === 'stale') return undefined;
    // Another retry took it over first.
    const current = await table.find(keyed);
    return current ? { replayed: answerFromStored(current, keyed, OrderMessage, context) } : undefined;
  }

  /** A placement holds its key until its caller stops waiting (at most one lease). */
  private lockedUntil(context: CallContext): Date {
    return new Date(Math.min(context.deadline, Date.now() + this.leaseMs));
  }

  /** An unfinished key outlives its intent's lease, so it cannot expire under a placement still running. */
  private inProgressExpiry(): Date {
    return new Date(Date.now() + Math.max(this.keys.options.ttlMs, this.leaseMs));
  }
}
