import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Product } from '@ecommerce/contracts';
import { RpcError, notFound, type CallContext } from '@ecommerce/grpc-kit';
import type { StockLedger } from '../src/orders/product-catalog.js';

/**
 * product-service's stock ledger as an in-memory stand-in, for the order handlers in process: it
 * keeps products, stock and one reservation per order id as the real one does, records what it was
 * asked, and fails on request as an unreachable or slow product-service would.
 */
export class FakeLedger implements StockLedger {
  readonly products = new Map<string, Product & { available: number | null }>();
  readonly reservations = new Map<string, { productId: string; quantity: number; released: boolean }>();
  readonly asked: { method: string; orderId: string; requestId: string }[] = [];
  /** Makes the next release calls fail as an unreachable product-service would. */
  failReleases = 0;
  /**
   * Makes the next reserve calls fail as a timed-out call does: 'before' reserving nothing,
   * 'after' having reserved (product-service answered too late).
   */
  failReserves: ('before' | 'after')[] = [];
  /** Delays every reserve answer by this many ms (a slow product-service). */
  reserveDelayMs = 0;

  add(amountMinor: number, currency = 'USD', available: number | null = null): Product {
    const product = {
      id: randomUUID(), name: `product ${amountMinor}`, description: '', price: { amountMinor: String(amountMinor), currency },
      stock: undefined, createTime: new Date(), updateTime: new Date(), etag: '"1"', available,
    };
    this.products.set(product.id, product);
    return product;
  }

  async reserve(orderId: string, productId: string, quantity: number, caller: Pick<CallContext, 'requestId'>) {
    this.asked.push({ method: 'reserve', orderId, requestId: caller.requestId });
    if (this.reserveDelayMs > 0) await delay(this.reserveDelayMs);
    const failure = this.failReserves.shift();
    const timeout = () => new RpcError('PRODUCT_SERVICE_TIMEOUT', 'product-service did not answer in time');
    if (failure === 'before') throw timeout();
    const product = this.products.get(productId);
    if (!product) throw notFound('PRODUCT_NOT_FOUND', 'product', productId);
    const existing = this.reservations.get(orderId);
    if (existing?.released) throw new RpcError('PRODUCT_SERVICE_TIMEOUT', 'released');
    if (!existing) {
      if (product.available !== null && product.available < quantity) {
        throw new RpcError('INSUFFICIENT_STOCK', `has ${product.available} available`, [], { available: String(product.available) });
      }
      if (product.available !== null) product.available -= quantity;
      this.reservations.set(orderId, { productId, quantity, released: false });
    }
    if (failure === 'after') throw timeout();
    return { price: product.price };
  }

  async release(orderId: string, caller: Pick<CallContext, 'requestId'>) {
    this.asked.push({ method: 'release', orderId, requestId: caller.requestId });
    if (this.failReleases > 0) {
      this.failReleases -= 1;
      throw new RpcError('PRODUCT_SERVICE_UNAVAILABLE', 'product-service is unavailable; retry later');
    }
    const reservation = this.reservations.get(orderId);
    if (!reservation) {
      this.reservations.set(orderId, { productId: '', quantity: 0, released: true });
      return false;
    }
    if (reservation.released) return false;
    reservation.released = true;
    const product = this.products.get(reservation.productId);
    if (product && product.available !== null) product.available += reservation.quantity;
    return true;
  }
}
