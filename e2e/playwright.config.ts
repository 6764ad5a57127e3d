import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium.js';

/**
 * The platform runs on free loopback ports chosen here, once, in the runner process. Workers
 * re-read this file with the runner's environment, so the `E2E_*` variables set below are what
 * every spec sees (through support/endpoints.ts).
 */
if (!process.env['E2E_GATEWAY_PORT']) {
  const script = join(__dirname, 'scripts', 'free-ports.ts');
  const [gateway, product, order] = execFileSync(process.execPath, ['--import', 'tsx', script, '3'], { cwd: __dirname, encoding: 'utf8' })
    .trim()
    .split(' ');
  process.env['E2E_GATEWAY_PORT'] = gateway;
  process.env['E2E_PRODUCT_SERVICE_PORT'] = product;
  process.env['E2E_ORDER_SERVICE_PORT'] = order;
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
    command: 'node --import tsx scripts/platform.ts',
    url: `${gatewayUrl}/readyz`,
    env: {
      GATEWAY_PORT: process.env['E2E_GATEWAY_PORT'] ?? '',
      PRODUCT_SERVICE_PORT: process.env['E2E_PRODUCT_SERVICE_PORT'] ?? '',
      ORDER_SERVICE_PORT: process.env['E2E_ORDER_SERVICE_PORT'] ?? '',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM lets scripts/platform.ts stop its processes and delete its temporary data directory.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    // Process logs only on request (E2E_PLATFORM_LOGS=1); start-up and shutdown lines always.
    stdout: process.env['E2E_PLATFORM_LOGS'] ? 'pipe' : 'ignore',
    stderr: 'pipe',
  },
});
