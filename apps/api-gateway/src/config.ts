import { envOptional, envPort, envPositiveInt, envString, envWholeNumber } from '@ecommerce/config';
import { loadAccessSettings, type AccessSettings } from './access/access-settings.js';
import type { ProductCacheSettings } from './products/product-cache.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './server.js';

/** api-gateway settings, all from the environment (see the README's table). */
export interface GatewayConfig {
  host: string;
  /** 0 picks a free port (tests read it from the "listening" log line). */
  port: number;
  productServiceAddr: string;
  orderServiceAddr: string;
  /** Deadline of every upstream call, readiness checks included. */
  grpcTimeoutMs: number;
  /** The product read cache (PRODUCT_CACHE_TTL_MS 0 = off). */
  productCache: ProductCacheSettings;
  /** PRODUCT_CACHE_REDIS_URL / _CHANNEL: how several gateways' caches hear each other's writes; none when unset. */
  productCacheRedis?: { url: string; channel: string } | undefined;
  /** Timeouts and the connection cap of the HTTP server. */
  http: Required<HttpLimits>;
  /** API keys, rate limits and CORS origins (access/access-settings.ts). */
  access: AccessSettings;
}

/**
 * Loads the configuration. Defaults: GATEWAY_HOST 127.0.0.1, GATEWAY_PORT 8000,
 * PRODUCT_SERVICE_ADDR 127.0.0.1:50051, ORDER_SERVICE_ADDR 127.0.0.1:50052, GRPC_TIMEOUT_MS 5000,
 * HTTP_HEADERS_TIMEOUT_MS 10000, HTTP_REQUEST_TIMEOUT_MS 30000, HTTP_KEEP_ALIVE_TIMEOUT_MS 5000,
 * HTTP_MAX_CONNECTIONS 1024, PRODUCT_CACHE_TTL_MS 0 (off), PRODUCT_CACHE_MAX_ENTRIES 10000; access
 * settings as in loadAccessSettings (all off by default).
 * Throws, naming the variable, on a malformed value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    host: envString(env, 'GATEWAY_HOST', '127.0.0.1'),
    port: envPort(env, 'GATEWAY_PORT', 8000),
    productServiceAddr: envString(env, 'PRODUCT_SERVICE_ADDR', '127.0.0.1:50051'),
    orderServiceAddr: envString(env, 'ORDER_SERVICE_ADDR', '127.0.0.1:50052'),
    grpcTimeoutMs: envPositiveInt(env, 'GRPC_TIMEOUT_MS', 5000),
    productCache: {
      ttlMs: envWholeNumber(env, 'PRODUCT_CACHE_TTL_MS', 0),
      maxEntries: envPositiveInt(env, 'PRODUCT_CACHE_MAX_ENTRIES', 10_000),
    },
    ...cacheRedis(env),
    http: {
      headersTimeoutMs: envPositiveInt(env, 'HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.headersTimeoutMs),
      requestTimeoutMs: envPositiveInt(env, 'HTTP_REQUEST_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.requestTimeoutMs),
      keepAliveTimeoutMs: envPositiveInt(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
      maxConnections: envPositiveInt(env, 'HTTP_MAX_CONNECTIONS', DEFAULT_HTTP_LIMITS.maxConnections),
    },
    access: loadAccessSettings(env),
  };
}

function cacheRedis(env: NodeJS.ProcessEnv): Pick<GatewayConfig, 'productCacheRedis'> {
  const url = envOptional(env, 'PRODUCT_CACHE_REDIS_URL');
  return url ? { productCacheRedis: { url, channel: envString(env, 'PRODUCT_CACHE_REDIS_CHANNEL', 'ecommerce:product-cache') } } : {};
}
