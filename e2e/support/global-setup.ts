import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireChromium } from './chromium.js';
import { WORKSPACE_ROOT } from '@ecommerce/testing';

/**
 * Fails fast, with the command to run, when something the suite needs is missing: the built SDK
 * the specs import, and the system Chromium (which `npm test` installs before the suites start).
 */
export default function globalSetup(): void {
  if (!existsSync(join(WORKSPACE_ROOT, 'sdk', 'dist'))) {
    throw new Error('sdk/dist is missing: the specs import the built @ecommerce/sdk; run `npx nx run sdk:build`');
  }
  const chromium = requireChromium();
  process.stderr.write(`[e2e] Chromium: ${chromium}\n`);
}
