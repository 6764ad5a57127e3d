import { LRUCache } from 'lru-cache';
import type { CachePeers } from './cache-invalidation.js';
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
 * put the old product back. With `peers` (several gateway replicas), each write is also published
 * to the other gateways, which drop the product as the message arrives; while this gateway cannot
 * hear them, it serves nothing from memory. Without peers, another replica's writes show within `ttlMs`.
 */
export class ProductCache {
  private readonly entries: LRUCache<string, Product> | undefined;
  private readonly pending = new Map<string, Set<PendingRead>>();
  /** True while the other gateways' changes cannot be heard. */
  private deaf = false;

  constructor(settings: ProductCacheSettings, private readonly peers?: CachePeers) {
    this.entries = settings.ttlMs > 0 ? new LRUCache({ max: settings.maxEntries, ttl: settings.ttlMs }) : undefined;
    peers?.listen((id) => this.forget(id), (deaf) => {
      this.deaf = deaf;
      if (deaf) this.forgetAll();
    });
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** The product from memory, else from `fetch` (kept unless a write to it happened meanwhile). */
  async read(id: string, fetch: () => Promise<Product>): Promise<Product> {
    if (!this.entries || this.deaf) return fetch();
    const key = id.toLowerCase();
    const hit = this.entries.get(key);
    if (hit) return hit;
    const read: PendingRead = { stale: false };
    let reads = this.pending.get(key);
    if (!reads) this.pending.set(key, (reads = new Set()));
    reads.add(read);
    try {
      const product = Object.freeze(await fetch());
      if (!read.stale && !this.deaf) this.entries.set(key, product);
      return product;
    } finally {
      reads.delete(read);
      if (reads.size === 0) this.pending.delete(key);
    }
  }

  /** A write to product `id` has been answered (or failed, and may have happened): forget it, here and on the other gateways. */
  invalidate(id: string): void {
    if (!this.entries) return;
    this.forget(id);
    this.peers?.publish(id.toLowerCase());
  }

  private forget(id: string): void {
    if (!this.entries) return;
    const key = id.toLowerCase();
    this.entries.delete(key);
    for (const read of this.pending.get(key) ?? []) read.stale = true;
  }

  private forgetAll(): void {
    this.entries?.clear();
    for (const reads of this.pending.values()) for (const read of reads) read.stale = true;
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
