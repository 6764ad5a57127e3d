import { LRUCache } from 'lru-cache';
import type { Product } from './product-models.js';

export interface ProductCacheSettings {
  /** How long a product read may be served from memory; 0 switches the cache off. */
  ttlMs: number;
  /** Products kept at most (least recently used go first). */
  maxEntries: number;
}

/** A read of one product from product-service that is under way; a write to it makes the result unfit to keep. */
interface PendingRead {
  stale: boolean;
}

/**
 * Products (GET /products/{id}) read through this gateway, kept for `ttlMs`, so that hot reads
 * skip the gRPC hop. Stock is not part of a product (it is /products/{id}/stock, never cached), so
 * orders leave cached products as they are.
 *
 * Correct for what passes through this gateway: every write to a product (update, delete) calls
 * `invalidate` once product-service has answered, before the gateway answers, whatever the
 * outcome; and a read that was already on its way when that happened is not kept, so it cannot
 * put the old product back. Writes through another gateway replica are seen within `ttlMs`.
 */
export class ProductCache {
  private readonly entries: LRUCache<string, Product> | undefined;
  private readonly pending = new Map<string, Set<PendingRead>>();

  constructor(settings: ProductCacheSettings) {
    this.entries = settings.ttlMs > 0 ? new LRUCache({ max: settings.maxEntries, ttl: settings.ttlMs }) : undefined;
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** The product from memory, else from `fetch` (kept unless a write to it happened meanwhile). */
  async read(id: string, fetch: () => Promise<Product>): Promise<Product> {
    if (!this.entries) return fetch();
    const key = id.toLowerCase();
    const hit = this.entries.get(key);
    if (hit) return hit;
    const read: PendingRead = { stale: false };
    let reads = this.pending.get(key);
    if (!reads) this.pending.set(key, (reads = new Set()));
    reads.add(read);
    try {
      const product = Object.freeze(await fetch());
      if (!read.stale) this.entries.set(key, product);
      return product;
    } finally {
      reads.delete(read);
      if (reads.size === 0) this.pending.delete(key);
    }
  }

  /** A write to product `id` has been answered (or failed, and may have happened): forget it. */
  invalidate(id: string): void {
    if (!this.entries) return;
    const key = id.toLowerCase();
    this.entries.delete(key);
    for (const read of this.pending.get(key) ?? []) read.stale = true;
  }

  /** Runs a write to product `id`, forgetting the product once it is done, whatever the outcome. */
  async writing<T>(id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.invalidate(id);
    }
  }
}
