import { createClient } from 'redis';
import type { Logger } from '@ecommerce/logging';

/** How the product caches of several gateway replicas tell each other about writes. */
export interface CachePeers {
  /** Tells the other gateways that product `id` changed. */
  publish(id: string): void;
  /**
   * Calls `onChange(id)` for every change another gateway publishes, and `onOutage(true)` while
   * changes cannot be heard (the cache must not serve then), `onOutage(false)` once they can again.
   */
  listen(onChange: (id: string) => void, onOutage: (out: boolean) => void): void;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Redis pub/sub on `channel` (PRODUCT_CACHE_REDIS_URL): every gateway publishes the ids it wrote
 * and drops the ids the others publish, within the message's delivery (milliseconds). While the
 * subscription is down a gateway serves nothing from its cache; a publish that fails is logged,
 * and the other gateways then see that change within PRODUCT_CACHE_TTL_MS.
 * Start-up fails when Redis cannot be reached.
 */
export async function connectCachePeers(url: string, channel: string, logger: Logger): Promise<CachePeers> {
  let open = false;
  const options = {
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number, cause: Error) => (open ? Math.min(100 * 2 ** retries, 1000) : cause),
    },
  };
  const publisher = createClient(options);
  const subscriber = createClient(options);
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => {
      if (open) logger.warn({ err: error }, 'product cache invalidation (Redis) error');
    });
  }
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    await Promise.allSettled([publisher.close(), subscriber.close()]);
    throw new Error(`PRODUCT_CACHE_REDIS_URL: cannot connect to Redis at ${new URL(url).host}: ${(error as Error).message}`);
  }
  open = true;
  logger.info({ redis: new URL(url).host, channel }, 'product cache invalidation connected');
  return {
    publish(id) {
      publisher.publish(channel, id).catch((error: unknown) => {
        logger.warn({ err: error, product_id: id }, 'could not publish a product cache invalidation; other gateways see it within the TTL');
      });
    },
    listen(onChange, onOutage) {
      subscriber.on('end', () => onOutage(true));
      subscriber.on('error', () => onOutage(true));
      subscriber.on('ready', () => onOutage(false));
      void subscriber.subscribe(channel, (message) => onChange(message));
    },
    async close() {
      open = false;
      await Promise.allSettled([publisher.close(), subscriber.close()]);
    },
  };
}
