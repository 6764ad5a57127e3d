// The built platform (dist/apps/*) as the benchmark runs it: the processes on free loopback ports,
// SQLite in a temporary folder (or fresh PostgreSQL databases, with replicas), the production
// defaults, logs to files (not to this process).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createTempPostgresDatabase, freePorts } from '@ecommerce/testing';

export type AppName = 'product-service' | 'order-service' | 'api-gateway';
export const APPS: readonly AppName[] = ['product-service', 'order-service', 'api-gateway'];

export interface BenchPlatform {
  baseUrl: string;
  /** Every process of each app (several for a service with replicas). */
  pids: Record<AppName, number[]>;
  /** Where the services keep their data. */
  store: string;
  logDir: string;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Added to the gateway's settings (e.g. its product cache). */
  gatewayEnv?: Record<string, string>;
  serviceEnv?: Record<string, string>;
  /** Processes of each service (the gateway runs once); more than 1 needs `postgres`. @default 1 */
  replicas?: number;
  /** Keep each service's data in a fresh database of its own on this PostgreSQL server (dropped at stop). */
  postgres?: boolean;
}

/** Starts the built apps: each service `replicas` times, callers balancing over them, then one gateway. */
export async function startBuiltPlatform(options: PlatformOptions = {}): Promise<BenchPlatform> {
  const replicas = options.replicas ?? 1;
  if (replicas > 1 && !options.postgres) throw new Error('replicas of a service share one database: add --postgres');
  const dir = mkdtempSync(join(tmpdir(), 'ecommerce-bench-'));
  const ports = await freePorts(2 * replicas + 1);
  const productPorts = ports.slice(0, replicas);
  const orderPorts = ports.slice(replicas, 2 * replicas);
  const gateway = ports[2 * replicas] as number;
  const address = (list: number[]) => (list.length > 1 ? `ipv4:${list.map((port) => `127.0.0.1:${port}`).join(',')}` : `127.0.0.1:${list[0]}`);
  const databases = options.postgres ? [await createTempPostgresDatabase(), await createTempPostgresDatabase()] : [];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    DATA_DIR: dir,
    PRODUCT_DATABASE_URL: databases[0]?.url ?? '', ORDER_DATABASE_URL: databases[1]?.url ?? '',
    GATEWAY_PORT: String(gateway),
    PRODUCT_SERVICE_ADDR: address(productPorts), ORDER_SERVICE_ADDR: address(orderPorts),
    SHUTDOWN_GRACE_MS: '0',
    // Metrics on, as by default, each process on a free port of its own (replicas would clash on 9464/9465).
    PRODUCT_SERVICE_METRICS_PORT: '0', ORDER_SERVICE_METRICS_PORT: '0',
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
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  const processes: [AppName, Record<string, string>][] = [
    ...productPorts.map((port): [AppName, Record<string, string>] => ['product-service', { PRODUCT_SERVICE_PORT: String(port) }]),
    ...orderPorts.map((port): [AppName, Record<string, string>] => ['order-service', { ORDER_SERVICE_PORT: String(port) }]),
    ['api-gateway', options.gatewayEnv ?? {}],
  ];
  try {
    const pids = { 'product-service': [], 'order-service': [], 'api-gateway': [] } as Record<AppName, number[]>;
    for (const [app, own] of processes) {
      const log = join(dir, `${app}-${pids[app].length + 1}.log`);
      const out = createWriteStream(log);
      const child = spawn(process.execPath, [join('dist', 'apps', app, 'main.js')], { env: { ...env, ...own }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      children.push(child);
      pids[app].push(child.pid as number);
      await waitForLine(log, '"msg":"listening"', child, app);
    }
    const store = options.postgres ? `PostgreSQL (${replicas} replica${replicas > 1 ? 's' : ''} of each service)` : 'SQLite (synchronous NORMAL)';
    return { baseUrl: `http://127.0.0.1:${gateway}`, pids, store, logDir: dir, stop };
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

/** The machine's PostgreSQL processes (server and backends), to count the database's CPU too (Linux /proc). */
export function postgresPids(): number[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    }).map(Number);
  } catch {
    return [];
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
