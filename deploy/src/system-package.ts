import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * A command-line tool a test needs from the operating system (docker-compose, chromium), and how
 * to get it. Self-contained on purpose, so any suite can copy or reuse it.
 */
export interface SystemCommand {
  /** Executable looked up on PATH, e.g. "docker-compose". */
  command: string;
  /** Debian package that provides it, e.g. "docker-compose". */
  aptPackage: string;
  /**
   * Environment variable that, when set, names the tool instead of the PATH lookup; it may carry
   * arguments, e.g. DOCKER_COMPOSE="docker compose".
   */
  envOverride?: string;
}

/** The host facts ensureCommand depends on; tests pass their own. */
export interface Host {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  isDebian: boolean;
  /** Runs a command with inherited output; returns its exit status. */
  run(command: string, args: string[], env: NodeJS.ProcessEnv): number;
  log(message: string): void;
}

export function currentHost(): Host {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    isDebian: existsSync('/etc/debian_version'),
    run: (command, args, env) => spawnSync(command, args, { stdio: ['ignore', 2, 2], env }).status ?? 1,
    log: (message) => process.stderr.write(`${message}\n`),
  };
}

/**
 * Finds a system tool as CONVENTIONS.md says: the env override when set, else PATH; when missing
 * and running as root on Debian, installs its package with apt-get (after `apt-get update`);
 * otherwise throws an error naming the package. Never returns without a usable tool.
 * @returns the argv prefix to run the tool with, e.g. ["/usr/bin/docker-compose"] or ["/usr/bin/docker", "compose"]
 */
export function ensureCommand(tool: SystemCommand, host: Host = currentHost()): string[] {
  const override = tool.envOverride ? host.env[tool.envOverride]?.trim() : undefined;
  if (override) {
    const [program = '', ...args] = override.split(/\s+/);
    const found = findExecutable(program, host.env['PATH']);
    if (!found) throw new Error(`${tool.envOverride}="${override}" but "${program}" is not an executable file or on PATH`);
    return [found, ...args];
  }
  const found = findExecutable(tool.command, host.env['PATH']);
  if (found) return [found];
  if (!host.isRoot || !host.isDebian) throw new Error(missingMessage(tool));

  host.log(`${tool.command} not found on PATH: installing the Debian package "${tool.aptPackage}" with apt-get`);
  const aptEnv = { ...host.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for a concurrent apt/dpkg (another suite installing its own tool) instead of failing.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const steps: string[][] = [[...lock, 'update'], [...lock, 'install', '-y', '--no-install-recommends', tool.aptPackage]];
  for (const args of steps) {
    const status = host.run('apt-get', args, aptEnv);
    if (status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with status ${status}. ${missingMessage(tool)}`);
  }
  const installed = findExecutable(tool.command, host.env['PATH']);
  if (!installed) throw new Error(`installed "${tool.aptPackage}" but ${tool.command} is still not on PATH. ${missingMessage(tool)}`);
  return [installed];
}

function missingMessage(tool: SystemCommand): string {
  const override = tool.envOverride ? `, or set ${tool.envOverride} to the command to use` : '';
  return `${tool.command} is required but was not found on PATH. Install the Debian/Ubuntu package ` +
    `"${tool.aptPackage}" (sudo apt-get install ${tool.aptPackage})${override}.`;
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
