import pino from 'pino';
import { httpClient, type HttpClient, type LogLine, type Services } from '@ecommerce/testing';
import { createApp, type AccessDependencies } from '../src/app.js';
import { createGatewayTelemetry } from '../src/telemetry/gateway-telemetry.js';
import { connectCachePeers } from '../src/products/cache-invalidation.js';
import type { ProductCacheSettings } from '../src/products/product-cache.js';
import { startHttpServer, type HttpLimits, type RunningHttpServer } from '../src/server.js';
import { connectUpstreams, type Upstreams } from '../src/upstream/upstreams.js';

/** The gateway's real app and HTTP server, in this process, with its log lines captured. */
export interface TestGateway {
  baseUrl: string;
  api: HttpClient;
  /** Every log line the gateway wrote, parsed. */
  logs: LogLine[];
  running: RunningHttpServer;
  upstreams: Upstreams;
  stop(): Promise<void>;
}

/** The README's example product. */
export const HEADPHONES = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: 199.99,
};

/** Starts the gateway in process on a free loopback port, pointed at the given upstreams. */
export async function startTestGateway(options: {
  productServiceAddr: string;
  orderServiceAddr: string;
  grpcTimeoutMs?: number;
  /** The HTTP server's limits (timeouts, connection cap); the production defaults when absent. */
  http?: HttpLimits;
  /** The product read cache; off when absent. */
  productCache?: ProductCacheSettings;
  /** Redis pub/sub for several gateways' caches: { url, channel }. */
  productCacheRedis?: { url: string; channel: string };
  /** API keys, rate limit, CORS; all off when absent (open mode). */
  access?: AccessDependencies;
  /** Metrics (GET /metrics) and trace ids as main.ts sets them up; off when absent. */
  telemetry?: boolean;
}): Promise<TestGateway> {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  const upstreams = connectUpstreams(options);
  const peers = options.productCacheRedis && await connectCachePeers(options.productCacheRedis.url, options.productCacheRedis.channel, logger);
  const app = createApp({
    upstreams, logger, grpcTimeoutMs: options.grpcTimeoutMs ?? 5000, access: options.access,
    ...(options.telemetry ? { telemetry: createGatewayTelemetry() } : {}),
    ...(options.productCache ? { productCache: options.productCache } : {}),
    ...(peers ? { productCachePeers: peers } : {}),
  });
  const running = await startHttpServer({ app, host: '127.0.0.1', port: 0, logger, limits: options.http, onStopped: async () => {
    upstreams.close();
    await peers?.close();
  } });
  const baseUrl = `http://127.0.0.1:${running.port}`;
  return { baseUrl, api: httpClient(baseUrl), logs, running, upstreams, stop: () => running.stop() };
}

/** The in-process gateway in front of running service processes. */
export function startGatewayOver(
  services: Pick<Services, 'productAddr' | 'orderAddr'>,
  options: { grpcTimeoutMs?: number; productCache?: ProductCacheSettings; access?: AccessDependencies; telemetry?: boolean } = {},
): Promise<TestGateway> {
  return startTestGateway({ productServiceAddr: services.productAddr, orderServiceAddr: services.orderAddr, ...options });
}
