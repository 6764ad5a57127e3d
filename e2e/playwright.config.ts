import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium.js';

/**
 * The platform is what `npm start` runs (tools/start.mjs, the built bundles, the demo catalog on
 * an empty store), on free loopback ports and a temporary data directory chosen here, once, in
 * the runner process. Workers re-read this file with the runner's environment, so the `E2E_*`
 * variables set below are what every spec sees (through support/endpoints.ts); globalTeardown
 * removes the data directory.
 */
if (!process.env['E2E_GATEWAY_PORT']) {
  const script = join(__dirname, 'scripts', 'free-ports.ts');
  const [gateway, product, order] = execFileSync(process.execPath, ['--import', 'tsx', script, '3'], { cwd: __dirname, encoding: 'utf8' })
    .trim()
    .split(' ');
  process.env['E2E_GATEWAY_PORT'] = gateway;
  process.env['E2E_PRODUCT_SERVICE_PORT'] = product;
  process.env['E2E_ORDER_SERVICE_PORT'] = order;
  process.env['E2E_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'ecommerce-e2e-'));
}
const gatewayUrl = `http://127.0.0.1:${process.env['E2E_GATEWAY_PORT']}`;

export default defineConfig({
  testDir: 'src',
  outputDir: 'test-results',
  // Two cores: two workers keep the browser specs and the API specs moving side by side.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 30_000,
  globalTimeout: 5 * 60_000,
  reporter: [['list']],
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL: gatewayUrl,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'api', testDir: 'src/api' },
    {
      name: 'swagger-ui',
      testDir: 'src/browser',
      use: {
        browserName: 'chromium',
        // Debian's system Chromium, not a Playwright download (channel stays unset).
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: 'node tools/start.mjs',
    cwd: '..',
    url: `${gatewayUrl}/readyz`,
    env: {
      GATEWAY_PORT: process.env['E2E_GATEWAY_PORT'] ?? '',
      PRODUCT_SERVICE_PORT: process.env['E2E_PRODUCT_SERVICE_PORT'] ?? '',
      ORDER_SERVICE_PORT: process.env['E2E_ORDER_SERVICE_PORT'] ?? '',
      DATA_DIR: process.env['E2E_DATA_DIR'] ?? '',
      PRODUCT_DATABASE_URL: '',
      ORDER_DATABASE_URL: '',
      // Free ports for the services' metrics servers: 9464/9465 may be taken by a running platform.
      PRODUCT_SERVICE_METRICS_PORT: '0',
      ORDER_SERVICE_METRICS_PORT: '0',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM makes the launcher stop the three processes gracefully.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    // Process logs only on request (E2E_PLATFORM_LOGS=1); start-up and shutdown lines always.
    stdout: process.env['E2E_PLATFORM_LOGS'] ? 'pipe' : 'ignore',
    stderr: 'pipe',
  },
});
