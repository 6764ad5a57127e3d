import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { waitFor } from './wait.js';
import { WORKSPACE_ROOT } from './workspace.js';

/** The platform's three deployables. */
export type AppName = 'product-service' | 'order-service' | 'api-gateway';

/**
 * How to run an app: from its TypeScript source through tsx (unit of work: one project's tests),
 * or from its built bundle in dist/ exactly as shipped (the SDK package test, e2e, the launcher).
 */
export type RunMode = 'source' | 'bundle';

/** A log line as the app printed it: parsed JSON, or `{ msg: <the raw line> }`. */
export type LogLine = Record<string, unknown>;

export interface AppProcess {
  app: AppName;
  /** The port the app logged in its `{"msg":"listening","port":N}` line. */
  port: number;
  child: ChildProcess;
  /** Every line printed so far (stdout and stderr), in order. */
  logs: LogLine[];
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Resolves with the first log line, past or future, that satisfies `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Freezes the process (SIGSTOP) / lets it run again (SIGCONT): an upstream that hangs. */
  pause(): void;
  resume(): void;
  /** Sends `signal` and waits for the exit; SIGKILL after `killAfterMs` so nothing hangs a suite. */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | null>;
}

export interface StartAppOptions {
  app: AppName;
  mode?: RunMode | undefined;
  /** Added to the environment (which keeps PATH and the like). */
  env: Record<string, string>;
  /** Receives every output line, e.g. to prefix and forward it. */
  onLine?: ((line: string) => void) | undefined;
  /** Give up after this long without a "listening" line. @default 30000 */
  startTimeoutMs?: number | undefined;
}

/** The command line that runs `app` in `mode`. */
export function appCommand(app: AppName, mode: RunMode): string[] {
  if (mode === 'source') return ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps', app, 'src', 'main.ts')];
  const bundle = join(WORKSPACE_ROOT, 'dist', 'apps', app, 'main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build it first (npx nx run ${app}:build)`);
  return [bundle];
}

function parse(line: string): LogLine {
  try {
    const entry = JSON.parse(line) as unknown;
    return typeof entry === 'object' && entry !== null ? (entry as LogLine) : { msg: line };
  } catch {
    return { msg: line };
  }
}

/**
 * Starts one of the platform's apps as a real child process and resolves once it logs that it
 * listens (LOG_LEVEL must stay at info or lower), so callers never race a half-started process.
 * Rejects with its last output when it exits first or stays silent too long. The only place in
 * the test suites that spawns a platform process.
 */
export function startApp(options: StartAppOptions): Promise<AppProcess> {
  const { app, mode = 'source', env, onLine, startTimeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, appCommand(app, mode), {
    cwd: WORKSPACE_ROOT,
    // No SIGTERM grace period unless a test asks for one: every stop would wait it out.
    env: { ...process.env, SHUTDOWN_GRACE_MS: '0', TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const remember = (line: string) => {
    logs.push(parse(line));
    onLine?.(line);
  };
  createInterface({ input: child.stderr as Readable }).on('line', remember);
  const stdout = createInterface({ input: child.stdout as Readable });
  stdout.on('line', remember);

  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const handle = (port: number): AppProcess => ({
    app,
    port,
    child,
    logs,
    exited,
    waitForLog: (predicate, timeoutMs = 5_000) =>
      waitFor(() => logs.find(predicate), { timeoutMs, what: `a matching log line from ${app}` }),
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: async (signal = 'SIGTERM', killAfterMs = 10_000) => {
      if (!running()) return exited;
      // A paused process must run to handle a graceful signal; SIGKILL needs no resume (and must
      // not give it a moment to run).
      if (signal !== 'SIGKILL') child.kill('SIGCONT');
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  });

  return new Promise((resolve, reject) => {
    const recent = () => logs.slice(-40).map((line) => JSON.stringify(line)).join('\n');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not log "listening" within ${startTimeoutMs} ms\n${recent()}`));
    }, startTimeoutMs);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      // Let the last lines arrive before reporting them.
      setImmediate(() => reject(new Error(`${app} exited with ${code} before listening\n${recent()}`)));
    };
    child.once('exit', onEarlyExit);
    stdout.on('line', function onListening(line) {
      const entry = parse(line);
      if (entry['msg'] !== 'listening' || typeof entry['port'] !== 'number') return;
      stdout.off('line', onListening);
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve(handle(entry['port']));
    });
  });
}
