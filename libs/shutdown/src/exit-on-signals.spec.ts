import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadShutdownSettings } from './exit-on-signals.js';

// A child process that registers exitOnSignals (grace 250 ms) with a stop that takes 300 ms and
// reports the grace it was asked for, then waits.
const CHILD = `
  const { exitOnSignals } = require(${JSON.stringify(join(__dirname, 'exit-on-signals.ts'))});
  const logger = { info: (o, m) => console.log(JSON.stringify({ ...o, msg: m })), error: (o, m) => console.log(JSON.stringify({ msg: m })) };
  const stop = (options) => new Promise((r) => setTimeout(() => { console.log(JSON.stringify({ msg: 'stopped', grace: options.graceMs })); r(); }, 300));
  exitOnSignals({ stop }, logger, { graceMs: 250 });
  console.log(JSON.stringify({ msg: 'ready' }));
  setInterval(() => {}, 1000);
`;

async function signalled(first: NodeJS.Signals, second?: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('ready') && resolve()));
  child.kill(first);
  if (second) setTimeout(() => child.kill(second), 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, lines: output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; grace?: number; grace_ms?: number }) };
}

test('SIGTERM drains with the grace period and exits 0; a second signal does not cut the stop short', async () => {
  const { code, lines } = await signalled('SIGTERM', 'SIGINT');
  assert.equal(code, 0);
  assert.deepEqual(lines.map((line) => line.msg), ['ready', 'shutting down', 'stopped']);
  assert.deepEqual([lines[1]?.grace_ms, lines[2]?.grace], [250, 250]);
});

test('SIGINT (Ctrl-C) stops without a grace period', async () => {
  const { code, lines } = await signalled('SIGINT');
  assert.equal(code, 0);
  assert.equal(lines.at(-1)?.grace, 0);
});

test('SHUTDOWN_GRACE_MS and SHUTDOWN_TIMEOUT_MS: defaults 5000 and 10000; 0 switches the grace off', () => {
  assert.deepEqual(loadShutdownSettings({}), { graceMs: 5000, timeoutMs: 10_000 });
  assert.deepEqual(loadShutdownSettings({ SHUTDOWN_GRACE_MS: '0', SHUTDOWN_TIMEOUT_MS: '2500' }), { graceMs: 0, timeoutMs: 2500 });
  assert.throws(() => loadShutdownSettings({ SHUTDOWN_GRACE_MS: '-1' }), /SHUTDOWN_GRACE_MS/);
});
