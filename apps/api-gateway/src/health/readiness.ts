import { isServing } from '@ecommerce/grpc-kit';
import type { Upstream, Upstreams } from '../upstream/upstreams.js';
import type { ReadinessStatus, ServingStatus } from './health-models.js';

/** Asks each upstream's grpc.health.v1 endpoint, over its API channel, whether it is SERVING. */
export class ReadinessCheck {
  private draining = false;

  constructor(
    private readonly upstreams: Pick<Upstreams, 'products' | 'orders'>,
    private readonly timeoutMs: number,
  ) {}

  /** From now on not ready, whatever the upstreams say: the gateway is stopping (SIGTERM's grace period). */
  markDraining(): void {
    this.draining = true;
  }

  async check(): Promise<ReadinessStatus> {
    const state = async (upstream: Upstream<unknown>): Promise<ServingStatus> =>
      (await isServing(upstream.health, upstream.service, this.timeoutMs)) ? 'SERVING' : 'NOT_SERVING';
    const [product, order] = await Promise.all([state(this.upstreams.products), state(this.upstreams.orders)]);
    return {
      status: product === 'SERVING' && order === 'SERVING' && !this.draining ? 'ready' : 'not_ready',
      services: { 'product-service': product, 'order-service': order },
    };
  }
}
