import { randomUUID } from 'node:crypto';
import type { Logger } from '@ecommerce/logging';
import type { Database } from '@ecommerce/persistence';
import { OrderCancellation } from './order-cancellation.js';
import { OrderIntents } from './order-intents.js';
import { OrderRepository } from './order-repository.js';
import type { StockLedger } from './product-catalog.js';

export interface ReconcilerOptions {
  /** Time between sweeps (RECONCILE_INTERVAL_MS). */
  intervalMs: number;
  /** Items handled per sweep and kind. @default 100 */
  batch?: number;
}

/** What one sweep did. */
export interface SweepResult {
  abandoned: number;
  released: number;
  cancelled: number;
}

/**
 * Releases stock that no order holds: intents that outlived their lease (a crash between
 * reserving and confirming, or a confirm that failed and could not release), and cancelled orders
 * whose stock product-service has not taken back yet. order-service owns the outcome, so it asks
 * product-service (never the other way round). One process sweeps at a time (Database.exclusive),
 * however many replicas share the database.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedger,
    private readonly logger: Logger,
    private readonly options: ReconcilerOptions,
  ) {}

  /** One pass; undefined when another process is sweeping. */
  sweep(now = new Date()): Promise<SweepResult | undefined> {
    const run = this.db.exclusive('order-service:reconciler', () => this.pass(now));
    this.current = run.catch(() => undefined);
    return run;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sweep().then(
        (result) => {
          if (result && result.abandoned + result.released + result.cancelled > 0) this.logger.info({ ...result }, 'reconciled');
        },
        (error: unknown) => this.logger.warn({ err: error }, 'reconcile sweep failed; next one retries'),
      );
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops sweeping; resolves once a sweep under way has finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  private async pass(now: Date): Promise<SweepResult> {
    const batch = this.options.batch ?? 100;
    const intents = new OrderIntents(this.db);
    const caller = { requestId: `reconciler-${randomUUID()}`, logger: this.logger, deadline: Number.POSITIVE_INFINITY };
    const abandoned = await intents.abandonExpired(now);
    let released = 0;
    for (const orderId of await intents.abandoned(batch)) {
      if (await this.ledger.release(orderId, caller)) released += 1;
      await intents.remove(orderId);
      this.logger.info({ order_id: orderId }, 'abandoned order intent: reservation released');
    }
    const cancellation = new OrderCancellation(this.db, this.ledger);
    const cancelling = await new OrderRepository(this.db).cancelling(batch);
    for (const orderId of cancelling) await cancellation.finish(orderId, caller);
    return { abandoned, released, cancelled: cancelling.length };
  }
}
