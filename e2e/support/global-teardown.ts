import { rmSync } from 'node:fs';

/** Removes the platform's temporary data directory (playwright.config.ts made it). */
export default function globalTeardown(): void {
  const dir = process.env['E2E_DATA_DIR'];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
