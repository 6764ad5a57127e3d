import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Workspace root, found from this file's location (libs/testing/src). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export interface ServiceProcess {
  /** Port the service reported in its "listening" log line. */
  port: number;
  child: ChildProcess;
  /** Every log line the process printed so far, parsed as JSON where possible. */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartServiceOptions {
  /** Entry file relative to the workspace root, e.g. "apps/product-service/src/main.ts". */
  entry: string;
  env: Record<string, string>;
  /** Give up after this long without a "listening" line. @default 20000 */
  startTimeoutMs?: number;
}

/**
 * Starts a service as a real child process (TypeScript through tsx) and waits for the start-up log
 * line `{"msg":"listening","port":N}` (so LOG_LEVEL must stay at info or lower). Use port 0 in env so
 * the OS picks a free port.
 */
export function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'tsconfig.base.json'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} did not start in time\n${stderr}`));
    }, options.startTimeoutMs ?? 20_000);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${options.entry} exited with ${code} before listening\n${stderr}`));
    };
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { msg: line };
      }
      logs.push(entry);
      if (entry['msg'] === 'listening' && typeof entry['port'] === 'number') {
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        const port = entry['port'];
        resolvePromise({
          port,
          child,
          logs,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}

/** A fresh temporary data directory; call the returned cleanup when done. */
export function tempDataDir(prefix = 'ecommerce-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
