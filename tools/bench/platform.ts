// The built platform (dist/apps/*) as the benchmark runs it: three processes on free loopback
// ports, SQLite in a temporary folder, the production defaults, logs to files (not to this process).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePorts } from '@ecommerce/testing';

export type AppName = 'product-service' | 'order-service' | 'api-gateway';
export const APPS: readonly AppName[] = ['product-service', 'order-service', 'api-gateway'];

export interface BenchPlatform {
  baseUrl: string;
  pids: Record<AppName, number>;
  logDir: string;
  stop(): Promise<void>;
}

/** Starts the three built apps; `gatewayEnv` adds settings to the gateway (e.g. its product cache). */
export async function startBuiltPlatform(options: { gatewayEnv?: Record<string, string>; serviceEnv?: Record<string, string> } = {}): Promise<BenchPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'ecommerce-bench-'));
  const [product, order, gateway] = await freePorts(3);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    DATA_DIR: dir,
    PRODUCT_DATABASE_URL: '', ORDER_DATABASE_URL: '',
    PRODUCT_SERVICE_PORT: String(product), ORDER_SERVICE_PORT: String(order), GATEWAY_PORT: String(gateway),
    PRODUCT_SERVICE_ADDR: `127.0.0.1:${product}`, ORDER_SERVICE_ADDR: `127.0.0.1:${order}`,
    SHUTDOWN_GRACE_MS: '0',
    ...options.serviceEnv,
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pids = {} as Record<AppName, number>;
    for (const app of APPS) {
      const log = join(dir, `${app}.log`);
      const out = createWriteStream(log);
      const child = spawn(process.execPath, [join('dist', 'apps', app, 'main.js')], {
        env: app === 'api-gateway' ? { ...env, ...options.gatewayEnv } : env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      children.push(child);
      pids[app] = child.pid as number;
      await waitForLine(log, '"msg":"listening"', child, app);
    }
    return { baseUrl: `http://127.0.0.1:${gateway}`, pids, logDir: dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForLine(file: string, text: string, child: ChildProcess, app: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${app} exited ${child.exitCode}: ${readFileSync(file, 'utf8').slice(-2000)}`);
    try {
      if (readFileSync(file, 'utf8').includes(text)) return;
    } catch {
      // not written yet
    }
    await delay(100);
  }
  throw new Error(`${app} did not start within 30 s`);
}

/** CPU time (user + system) a process has used, in microseconds (Linux /proc; NaN elsewhere). */
export function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks of 10 ms on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in MB (Linux /proc; NaN elsewhere). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
