// Runs the whole built platform (dist/) on loopback with a fresh temporary data directory, until
// SIGTERM or SIGINT; then stops the processes and deletes the data directory. Playwright's
// webServer runs it; it also works by hand:  node --import tsx e2e/scripts/platform.ts
// Ports come from PRODUCT_SERVICE_PORT, ORDER_SERVICE_PORT and GATEWAY_PORT (a free one for each
// that is unset). Process logs go to stdout, prefixed with the process name; status lines to stderr.
import { startPlatform, type Platform } from '@ecommerce/testing';

const status = (message: string) => process.stderr.write(`[platform] ${message}\n`);
const port = (name: string) => Number(process.env[name] || 0);

async function main(): Promise<void> {
  let platform: Platform | undefined;
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await platform?.stop();
    status(`stopped; removed ${platform?.dataDir ?? 'nothing'}`);
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  try {
    platform = await startPlatform({
      mode: 'bundle',
      ports: { product: port('PRODUCT_SERVICE_PORT'), order: port('ORDER_SERVICE_PORT'), gateway: port('GATEWAY_PORT') },
      env: { LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info' },
      onLine: (app, line) => process.stdout.write(`[${app}] ${line}\n`),
    });
  } catch (error) {
    status(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // A process that dies while the platform should be up fails the run loudly, never silently.
  for (const app of [platform.products, platform.orders, platform.gateway]) {
    void app.exited.then((code) => {
      if (stopping) return;
      status(`${app.app} exited unexpectedly with ${code}`);
      void shutdown(1);
    });
  }
  status(`up: gateway ${platform.baseUrl} (product-service ${platform.productAddr}, order-service ${platform.orderAddr}, data ${platform.dataDir})`);
}

void main();
