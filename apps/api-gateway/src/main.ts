import { createLogger } from '@ecommerce/logging';
import { exitOnSignals, loadShutdownSettings } from '@ecommerce/shutdown';
import { createApp, markDraining } from './app.js';
import { loadConfig } from './config.js';
import { startHttpServer } from './server.js';
import { connectUpstreams } from './upstream/upstreams.js';

const SERVICE = 'api-gateway';

async function main(): Promise<void> {
  const logger = createLogger(SERVICE);
  const config = loadConfig();
  const upstreams = connectUpstreams(config);
  logger.info({
    product_service: config.productServiceAddr,
    order_service: config.orderServiceAddr,
    grpc_timeout_ms: config.grpcTimeoutMs,
  }, 'upstreams configured');
  logger.info({ http_limits: config.http }, 'http limits');
  const app = createApp({ upstreams, logger, grpcTimeoutMs: config.grpcTimeoutMs, productCache: config.productCache });
  const shutdown = loadShutdownSettings();
  const running = await startHttpServer({
    app,
    host: config.host,
    port: config.port,
    logger,
    limits: config.http,
    drainTimeoutMs: shutdown.timeoutMs,
    onDraining: () => markDraining(app),
    onStopped: () => upstreams.close(),
  });
  exitOnSignals(running, logger, shutdown);
}

main().catch((error: unknown) => {
  createLogger(SERVICE).fatal({ err: error }, 'failed to start');
  process.exit(1);
});
