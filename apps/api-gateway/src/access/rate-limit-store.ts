import type { Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { Logger } from '@ecommerce/logging';
import type { RateLimitSettings } from './rate-limit.js';

/** The rate limiter's shared counters, and how to let go of them when the gateway stops. */
export interface SharedRateLimitStore {
  store: Store;
  close(): Promise<void>;
}

/** How long one connection attempt may take. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects to RATE_LIMIT_REDIS_URL (rate-limit-redis over node-redis). Start-up fails when Redis
 * cannot be reached, so a misconfigured URL is seen at once. Once connected, a lost connection is
 * retried in the background (up to every 2 s) and, meanwhile, commands fail at once rather than
 * queue (the limiter then lets requests through, logged).
 */
export async function connectRateLimitStore(settings: RateLimitSettings, logger: Logger): Promise<SharedRateLimitStore | undefined> {
  if (settings.redisUrl === undefined) return undefined;
  let connected = false;
  const client = createClient({
    url: settings.redisUrl,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  });
  client.on('error', (error: unknown) => {
    if (connected) logger.warn({ err: error }, 'rate limit store (Redis) error');
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`RATE_LIMIT_REDIS_URL: cannot connect to Redis at ${redisHost(settings.redisUrl)}: ${(error as Error).message}`);
  }
  connected = true;
  logger.info({ redis: redisHost(settings.redisUrl), prefix: settings.redisPrefix }, 'rate limit store connected');
  const store = new RedisStore({
    prefix: settings.redisPrefix,
    sendCommand: (...command: string[]) => client.sendCommand(command),
  });
  return {
    store,
    close: async () => {
      connected = false;
      if (client.isOpen) await client.close();
    },
  };
}

/** host:port of a Redis URL: logged instead of the URL, which may hold a password. */
function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(malformed URL)';
  }
}
