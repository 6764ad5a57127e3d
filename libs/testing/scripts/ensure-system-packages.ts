// First step of `npm test`, before the Nx task graph: finds, or installs with apt-get (root on
// Debian), every system package a suite needs, once, so suites running in parallel never compete
// for apt's locks. Exits 1 with the packages to install when it cannot install them itself.
// Usage: node --import tsx libs/testing/scripts/ensure-system-packages.ts
import { TEST_SYSTEM_TOOLS, ensureSystemPackages } from '../src/system-packages.js';

try {
  const installed = ensureSystemPackages(TEST_SYSTEM_TOOLS);
  if (installed.length > 0) process.stderr.write(`[system-packages] installed ${installed.join(', ')}\n`);
} catch (error) {
  process.stderr.write(`[system-packages] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
