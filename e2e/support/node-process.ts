// Starting and stopping the platform's built processes (dist/apps/<app>/main.js), shared by the
// platform launcher (scripts/platform.ts) and the specs that need a process of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Workspace root, found from this file's location (e2e/src/support). */
export const WORKSPACE_ROOT = resolve(__dirname, '../..');

/** The built entry of one app, as `node tools/build-app.mjs <app>` writes it. */
export function distEntry(app: string): string {
  return join(WORKSPACE_ROOT, 'dist', 'apps', app, 'main.js');
}

export interface NodeProcess {
  name: string;
  /** The port the process reported in its `{"msg":"listening","port":N}` line. */
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM) and waits for the exit; SIGKILL after 5 s so nothing hangs the suite. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartNodeProcessOptions {
  /** Label for messages. */
  name: string;
  /** Absolute path of the script to run. */
  entry: string;
  /** Added to the current environment. */
  env: Record<string, string>;
  /** Receives every output line (stdout and stderr). */
  onLine?: (line: string) => void;
  /** @default 20000 */
  startTimeoutMs?: number;
}

/**
 * Starts `node <entry>` and resolves once it logs its "listening" line (the services and the
 * gateway all log `{"msg":"listening","port":N}`), so callers never race a half-started process.
 * Rejects with the process's last output lines when it exits first or stays silent too long.
 */
export function startNodeProcess(options: StartNodeProcessOptions): Promise<NodeProcess> {
  const { name, entry, env, onLine, startTimeoutMs = 20_000 } = options;
  const child = spawn(process.execPath, [entry], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    onLine?.(line);
  };
  createInterface({ input: child.stderr as Readable }).on('line', remember);
  return new Promise((resolveStart, rejectStart) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      rejectStart(new Error(`${name} ${why}\n${recent.join('\n')}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not log "listening" within ${startTimeoutMs} ms`);
    }, startTimeoutMs);
    const onEarlyExit = (code: number | null): void => fail(`exited with ${code} before listening`);
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout as Readable }).on('line', (line) => {
      remember(line);
      const port = listeningPort(line);
      if (port === undefined) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolveStart({ name, port, child, exited, stop: (signal = 'SIGTERM') => stopProcess(child, exited, signal) });
    });
  });
}

/** The port of a `{"msg":"listening","port":N}` log line, else undefined. */
function listeningPort(line: string): number | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; port?: unknown } | null;
    return entry?.msg === 'listening' && typeof entry.port === 'number' ? entry.port : undefined;
  } catch {
    return undefined;
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill(signal);
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  try {
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}

/**
 * Asks the OS for `count` distinct free loopback ports (all held open at once, then released).
 * Another process could take one before its user binds it; on loopback, in a test run, that window
 * is small enough.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}
