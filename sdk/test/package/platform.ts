// Starts the BUILT platform (dist/apps/<app>/main.js, as shipped) on free loopback ports with a
// temporary data directory, for the packed-SDK test. Each app logs {"msg":"listening","port":N}.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningApp {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

export interface Platform {
  gatewayUrl: string;
  apps: RunningApp[];
  stop(): Promise<void>;
}

function startApp(workspaceRoot: string, name: string, env: Record<string, string>): Promise<RunningApp> {
  const entry = join(workspaceRoot, 'dist/apps', name, 'main.js');
  if (!existsSync(entry)) {
    return Promise.reject(new Error(`${entry} is missing: run \`nx run sdk:test-package\` (it builds the apps first)`));
  }
  const child = spawn(process.execPath, [entry], {
    cwd: workspaceRoot,
    env: { ...process.env, LOG_LEVEL: 'info', PRODUCT_DATABASE_URL: '', ORDER_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const stdout = child.stdout;
  if (!stdout) return Promise.reject(new Error(`${name}: no stdout pipe`));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not log "listening" within 30 s\n${output.join('\n')}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening\n${output.join('\n')}`));
    });
    createInterface({ input: stdout }).on('line', (line) => {
      output.push(line);
      let entry: { msg?: unknown; port?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'listening' && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve({ name, port: entry.port, child, output });
      }
    });
  });
}

function stopApp(app: RunningApp): Promise<void> {
  const { child } = app;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** product-service, then order-service, then api-gateway, wired by their reported ports. */
export async function startPlatform(workspaceRoot: string, dataDir: string): Promise<Platform> {
  const apps: RunningApp[] = [];
  const stop = async () => {
    for (const app of [...apps].reverse()) await stopApp(app);
  };
  try {
    const product = await startApp(workspaceRoot, 'product-service', { DATA_DIR: dataDir, PRODUCT_SERVICE_PORT: '0' });
    apps.push(product);
    const productAddr = `127.0.0.1:${product.port}`;
    const order = await startApp(workspaceRoot, 'order-service', {
      DATA_DIR: dataDir, ORDER_SERVICE_PORT: '0', PRODUCT_SERVICE_ADDR: productAddr,
    });
    apps.push(order);
    const gateway = await startApp(workspaceRoot, 'api-gateway', {
      GATEWAY_PORT: '0', PRODUCT_SERVICE_ADDR: productAddr, ORDER_SERVICE_ADDR: `127.0.0.1:${order.port}`,
    });
    apps.push(gateway);
    return { gatewayUrl: `http://127.0.0.1:${gateway.port}`, apps, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
