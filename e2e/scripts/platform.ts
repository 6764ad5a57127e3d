// Runs the whole built platform (product-service, order-service, api-gateway from dist/) on
// loopback with a fresh temporary data directory, until SIGTERM or SIGINT; then stops the
// processes and deletes the data directory. Playwright's webServer runs it; it also works by hand:
//   node --import tsx e2e/scripts/platform.ts
// Ports come from PRODUCT_SERVICE_PORT, ORDER_SERVICE_PORT and GATEWAY_PORT; a free one for each
// that is unset. Process logs (JSON lines) go to stdout, prefixed with the process name; the
// launcher's own status lines to stderr.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distEntry, freePorts, startNodeProcess, type NodeProcess } from '../support/node-process.js';

const HOST = '127.0.0.1';
const APPS = ['product-service', 'order-service', 'api-gateway'];

function status(message: string): void {
  process.stderr.write(`[platform] ${message}\n`);
}

/** The requested ports, with a free port for each one that is unset or 0. */
async function choosePorts(): Promise<{ product: number; order: number; gateway: number }> {
  const requested = ['PRODUCT_SERVICE_PORT', 'ORDER_SERVICE_PORT', 'GATEWAY_PORT'].map((name) => Number(process.env[name] || 0));
  const spare = await freePorts(requested.filter((port) => port === 0).length);
  const [product, order, gateway] = requested.map((port) => port || (spare.shift() as number)) as [number, number, number];
  return { product, order, gateway };
}

async function main(): Promise<void> {
  const missing = APPS.filter((app) => !existsSync(distEntry(app)));
  if (missing.length > 0) {
    status(`not built: ${missing.map(distEntry).join(', ')}; run \`npx nx run-many -t build -p ${APPS.join(' ')}\``);
    process.exit(1);
  }
  const ports = await choosePorts();
  const productAddr = `${HOST}:${ports.product}`;
  const orderAddr = `${HOST}:${ports.order}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ecommerce-e2e-'));
  const running: NodeProcess[] = [];
  let stopping = false;

  // Gateway first (it depends on the services), then the services, then the data directory.
  const shutdown = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.all(running.filter((p) => p.name === 'api-gateway').map((p) => p.stop()));
    await Promise.all(running.filter((p) => p.name !== 'api-gateway').map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    status(`stopped; removed ${dataDir}`);
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));

  const start = async (app: string, env: Record<string, string>): Promise<void> => {
    const proc = await startNodeProcess({
      name: app,
      entry: distEntry(app),
      env: { DATA_DIR: dataDir, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info', ...env },
      onLine: (line) => process.stdout.write(`[${app}] ${line}\n`),
    });
    running.push(proc);
    // A process that dies while the platform should be up fails the run loudly, never silently.
    void proc.exited.then((code) => {
      if (stopping) return;
      status(`${app} exited unexpectedly with ${code}`);
      void shutdown(1);
    });
  };

  try {
    await Promise.all([
      start('product-service', {
        PRODUCT_SERVICE_HOST: HOST,
        PRODUCT_SERVICE_PORT: String(ports.product),
        PRODUCT_DATABASE_URL: '',
      }),
      start('order-service', {
        ORDER_SERVICE_HOST: HOST,
        ORDER_SERVICE_PORT: String(ports.order),
        ORDER_DATABASE_URL: '',
        PRODUCT_SERVICE_ADDR: productAddr,
      }),
    ]);
    await start('api-gateway', {
      GATEWAY_HOST: HOST,
      GATEWAY_PORT: String(ports.gateway),
      PRODUCT_SERVICE_ADDR: productAddr,
      ORDER_SERVICE_ADDR: orderAddr,
    });
  } catch (error) {
    status(error instanceof Error ? error.message : String(error));
    await shutdown(1);
    return;
  }
  status(`up: gateway http://${HOST}:${ports.gateway} (product-service ${productAddr}, order-service ${orderAddr}, data ${dataDir})`);
}

void main();
