// Finds the system Chromium the browser specs drive (Playwright's own browser downloads are not
// used: only the npm registry and Debian apt are reachable). Per CONVENTIONS "System packages":
// when it is missing and we run as root on Debian, install the `chromium` package with apt-get
// (after `apt-get update`); otherwise stop with a message naming the package. Never a silent skip.
// Used by the suite's globalSetup (ensureChromium) and by the config (findChromium).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The Debian package that provides the browser. */
export const CHROMIUM_PACKAGE = 'chromium';

const APT_GET = '/usr/bin/apt-get';

/** Where the Debian package puts the browser; the default when nothing else is found. */
export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

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

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch: CHROMIUM_PATH when set (even if it does not exist, so a wrong override
 * fails loudly), else `chromium` or `chromium-browser` on PATH, else undefined.
 */
export function findChromium(): string | undefined {
  const override = process.env['CHROMIUM_PATH'];
  if (override) return override;
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function run(command: string, args: string[]): void {
  process.stderr.write(`[ensure-chromium] ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}); install the Debian package "${CHROMIUM_PACKAGE}" by hand`);
  }
}

/**
 * Returns the path of an executable Chromium, installing the Debian package first when that is
 * possible (root on Debian with apt-get). Throws with a message naming the package otherwise.
 */
export function ensureChromium(): string {
  const override = process.env['CHROMIUM_PATH'];
  if (override) {
    if (isExecutable(override)) return override;
    throw new Error(`CHROMIUM_PATH=${override} is not an executable file; point it at Chromium or unset it to use the "${CHROMIUM_PACKAGE}" package`);
  }
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  const hasApt = isExecutable(APT_GET);
  if (!(isRoot && isDebian && hasApt)) {
    throw new Error(
      `Chromium not found (looked for chromium and chromium-browser on PATH). The browser specs need it: ` +
        `install the Debian package "${CHROMIUM_PACKAGE}" (sudo apt-get install ${CHROMIUM_PACKAGE}), ` +
        `or set CHROMIUM_PATH to a Chromium executable.`,
    );
  }
  process.stderr.write(`[ensure-chromium] Chromium missing; installing the Debian package "${CHROMIUM_PACKAGE}"\n`);
  run(APT_GET, ['update']);
  run(APT_GET, ['install', '-y', CHROMIUM_PACKAGE]);
  const installed = findChromium() ?? (isExecutable(DEBIAN_CHROMIUM_PATH) ? DEBIAN_CHROMIUM_PATH : undefined);
  if (!installed) throw new Error(`installed "${CHROMIUM_PACKAGE}" but found no chromium executable on PATH`);
  return installed;
}

