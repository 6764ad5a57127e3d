// The system Chromium the browser specs drive: Playwright's own browser downloads are unreachable
// here (only the npm registry and Debian's apt are). `npm test` installs the package before the
// suites start (libs/testing, system-packages); here it is only looked up.
import { CHROMIUM, findTool, requireTool } from '@ecommerce/testing';

/** Where the Debian package puts the browser; stands in until the lookup has run. */
const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launch flags: headless in a container (no sandbox, no GPU) and nothing that phones home or
 * updates itself mid-run (QUIC, background networking, component updates, sync).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser to launch, for the config (which must not throw while it is only being listed). */
export function chromiumPath(): string {
  return findTool(CHROMIUM)?.[0] ?? DEBIAN_CHROMIUM_PATH;
}

/** The browser to launch; throws naming the Debian package when it is missing. */
export function requireChromium(): string {
  return requireTool(CHROMIUM)[0] as string;
}
