// A real npm registry for the package test: Verdaccio (the workspace's pinned devDependency) on a
// free loopback port, with its storage in a temporary folder and no uplink, so it holds exactly what
// the test publishes (anything else is a 404 there and comes from the usual registry).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts, waitFor, WORKSPACE_ROOT } from '@ecommerce/testing';

export interface Registry {
  /** e.g. "http://127.0.0.1:41234/" */
  url: string;
  /** The .npmrc line that authenticates to it: anonymous publish still needs some token. */
  authLine: string;
  stop(): Promise<void>;
}

export async function startRegistry(dir: string): Promise<Registry> {
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'verdaccio.yaml');
  writeFileSync(config, [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    `  htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: -1 }`,
    'uplinks: {}',
    'packages:',
    "  '@ecommerce/*': { access: $all, publish: $all }",
    "  '**': { access: $all }",
    'web: { enable: false }',
    'log: { type: stdout, format: json, level: warn }',
    '',
  ].join('\n'));
  const child: ChildProcess = spawn(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/verdaccio/bin/verdaccio'), '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    await waitFor(async () => child.exitCode === null && (await fetch(`${url}-/ping`)).ok, { timeoutMs: 30_000, intervalMs: 100, what: `Verdaccio on ${url}` });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return { url, authLine: `//127.0.0.1:${port}/:_authToken=anonymous-publish-needs-a-token`, stop };
}
