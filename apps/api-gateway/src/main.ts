import { clientCredentials } from '@ecommerce/grpc-kit';
import { createLogger } from '@ecommerce/logging';
import { exitOnSignals, loadShutdownSettings } from '@ecommerce/shutdown';
import { startTracing } from '@ecommerce/telemetry';
import { logAccessMode } from './access/access-log.js';
import { connectRateLimitStore } from './access/rate-limit-store.js';
import { createApp, markDraining } from './app.js';
import { connectCachePeers } from './products/cache-invalidation.js';
import { loadConfig } from './config.js';
import { startHttpServer } from './server.js';
import { createGatewayTelemetry } from './telemetry/gateway-telemetry.js';
import { connectUpstreams } from './upstream/upstreams.js';

const SERVICE = 'api-gateway';

async function main(): Promise<void> {
  const logger = createLogger(SERVICE);
  const config = loadConfig();
  const tls = clientCredentials();
  const tracer = await startTracing(SERVICE);
  if (tracer.exporting) logger.info('OpenTelemetry trace export on');
  const telemetry = createGatewayTelemetry(tracer);
  const upstreams = connectUpstreams(config, { credentials: tls.credentials, metrics: telemetry.grpc, tracer });
  logger.info({
    product_service: config.productServiceAddr,
    order_service: config.orderServiceAddr,
    grpc_timeout_ms: config.grpcTimeoutMs,
    tls: tls.mode,
  }, 'upstreams configured');
  logger.info({ http_limits: config.http }, 'http limits');
  logAccessMode(config.access, logger);
  const shared = config.access.rateLimit && await connectRateLimitStore(config.access.rateLimit, logger);
  const peers = config.productCacheRedis && await connectCachePeers(config.productCacheRedis.url, config.productCacheRedis.channel, logger);
  const app = createApp({
    upstreams, logger, grpcTimeoutMs: config.grpcTimeoutMs, productCache: config.productCache, productCachePeers: peers || undefined, telemetry,
    access: { ...config.access, rateLimitStore: shared?.store },
  });
  const shutdown = loadShutdownSettings();
  const running = await startHttpServer({
    app,
    host: config.host,
    port: config.port,
    logger,
    limits: config.http,
    drainTimeoutMs: shutdown.timeoutMs,
    onDraining: () => markDraining(app),
    onStopped: async () => {
      upstreams.close();
      await tracer.shutdown();
      await shared?.close();
      if (peers) await peers.close();
    },
  });
  exitOnSignals(running, logger, shutdown);
}

main().catch((error: unknown) => {
  createLogger(SERVICE).fatal({ err: error }, 'failed to start');
  process.exit(1);
});
