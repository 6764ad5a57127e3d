import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The operating-system tools the test suites need, found in one way and installed in one place.
 *
 * `npm test` runs `ensureSystemPackages` once, before the Nx task graph starts (see
 * scripts/ensure-system-packages.ts), so suites running in parallel never race each other for
 * apt's locks. The suites themselves only look tools up (`requireTool`) and fail naming the
 * package when one is missing: never a silent skip. docs/conventions.md, "System packages".
 */
export interface SystemTool {
  /** Executables looked up on PATH, first match wins, e.g. ["chromium", "chromium-browser"]. */
  commands: string[];
  /** Debian package that provides it. */
  aptPackage: string;
  /**
   * Environment variable naming the tool instead of the PATH lookup. It may carry arguments, e.g.
   * DOCKER_COMPOSE="docker compose".
   */
  envOverride: string;
}

/** Chromium for the Swagger UI specs (Playwright's own browser downloads are unreachable here). */
export const CHROMIUM: SystemTool = { commands: ['chromium', 'chromium-browser'], aptPackage: 'chromium', envOverride: 'CHROMIUM_PATH' };
/** docker-compose for the compose-file checks (no Docker engine is needed for `config`). */
export const DOCKER_COMPOSE: SystemTool = { commands: ['docker-compose'], aptPackage: 'docker-compose', envOverride: 'DOCKER_COMPOSE' };
/** openssl for the TLS specs: their certificates are made at test time (certificates.ts). */
export const OPENSSL: SystemTool = { commands: ['openssl'], aptPackage: 'openssl', envOverride: 'OPENSSL' };
/** Every system tool some suite of `npm test` needs. */
export const TEST_SYSTEM_TOOLS: readonly SystemTool[] = [CHROMIUM, DOCKER_COMPOSE, OPENSSL];

/** The host facts the installer depends on; tests pass their own. */
export interface Host {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  isDebian: boolean;
  /** Runs a command to completion; returns its exit status and combined output. */
  run(command: string, args: string[], env: NodeJS.ProcessEnv): { status: number; output: string };
  sleep(ms: number): void;
  log(message: string): void;
}

export function currentHost(): Host {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    isDebian: existsSync('/etc/debian_version'),
    run: (command, args, env) => {
      const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
      process.stderr.write(output);
      return { status: result.status ?? 1, output };
    },
    sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
    log: (message) => process.stderr.write(`[system-packages] ${message}\n`),
  };
}

/**
 * The argv prefix that runs `tool`, e.g. ["/usr/bin/chromium"] or ["/usr/bin/docker", "compose"]:
 * the env override when set (an override naming nothing executable is an error, never a fallback),
 * else the first of its commands on PATH; undefined when it is not there.
 */
export function findTool(tool: SystemTool, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const override = env[tool.envOverride]?.trim();
  if (override) {
    const [program = '', ...args] = override.split(/\s+/);
    const found = findExecutable(program, env['PATH']);
    if (!found) throw new Error(`${tool.envOverride}="${override}" but "${program}" is not an executable file or on PATH`);
    return [found, ...args];
  }
  for (const command of tool.commands) {
    const found = findExecutable(command, env['PATH']);
    if (found) return [found];
  }
  return undefined;
}

/** Like findTool, but a missing tool is an error that names the package to install. */
export function requireTool(tool: SystemTool, env: NodeJS.ProcessEnv = process.env): string[] {
  const found = findTool(tool, env);
  if (!found) throw new Error(`${missingMessage([tool])} (\`npm test\` installs it by itself when run as root on Debian.)`);
  return found;
}

/** apt and dpkg say this when another apt or dpkg holds one of their locks. */
const LOCKED = /Could not get lock|Unable to lock|Unable to acquire the dpkg frontend lock|is another process using it/i;
/** How long to wait for another apt or dpkg to let go of its locks. @default 10 min */
const LOCK_WAIT_MS = 10 * 60_000;
const LOCK_POLL_MS = 2_000;

/**
 * Installs every tool of `tools` that is missing, with one `apt-get update` and one
 * `apt-get install`, when running as root on Debian; otherwise throws naming the packages.
 * Both apt steps wait for apt's and dpkg's locks instead of failing: `DPkg::Lock::Timeout` covers
 * dpkg's lock during the install, and a retry loop covers the locks it does not (the package
 * lists for `update`, the archive cache for `install`).
 * @returns the packages it installed (none when everything was there)
 */
export function ensureSystemPackages(tools: readonly SystemTool[], host: Host = currentHost()): string[] {
  const missing = tools.filter((tool) => findTool(tool, host.env) === undefined);
  if (missing.length === 0) return [];
  const packages = missing.map((tool) => tool.aptPackage);
  if (!host.isRoot || !host.isDebian || !findExecutable('apt-get', host.env['PATH'])) {
    throw new Error(missingMessage(missing));
  }
  host.log(`missing: ${packages.join(', ')}; installing with apt-get`);
  const env = { ...host.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', `DPkg::Lock::Timeout=${LOCK_WAIT_MS / 1000}`];
  aptWithLockWait(host, [...lock, 'update'], env, missing);
  aptWithLockWait(host, [...lock, 'install', '-y', ...packages], env, missing);
  const still = missing.filter((tool) => findTool(tool, host.env) === undefined);
  if (still.length > 0) throw new Error(`apt-get installed ${packages.join(', ')}, yet: ${missingMessage(still)}`);
  return packages;
}

function aptWithLockWait(host: Host, args: string[], env: NodeJS.ProcessEnv, tools: SystemTool[]): void {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const { status, output } = host.run('apt-get', args, env);
    if (status === 0) return;
    if (!LOCKED.test(output) || Date.now() >= until) {
      throw new Error(`apt-get ${args.join(' ')} failed with status ${status}. ${missingMessage(tools)}`);
    }
    host.log(`apt or dpkg is busy in another process; waiting for its lock (apt-get ${args.at(-1)})`);
    host.sleep(LOCK_POLL_MS);
  }
}

function missingMessage(tools: readonly SystemTool[]): string {
  const names = tools.map((tool) => `${tool.commands[0]} (Debian package "${tool.aptPackage}", or set ${tool.envOverride})`);
  return `The tests need ${names.join(' and ')}: install with sudo apt-get install ${tools.map((t) => t.aptPackage).join(' ')}`;
}

/** An absolute or relative path to an executable file, or the first match on PATH. */
export function findExecutable(program: string, path: string | undefined): string | undefined {
  if (program === '') return undefined;
  if (program.includes('/')) return isExecutableFile(program) ? program : undefined;
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, program);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
