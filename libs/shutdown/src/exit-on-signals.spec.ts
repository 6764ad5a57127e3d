import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

// A child process that registers exitOnSignals with a stop that takes 300 ms, then waits.
const CHILD = `
  const { exitOnSignals } = require(${JSON.stringify(join(__dirname, 'exit-on-signals.ts'))});
  const lines = [];
  const logger = { info: (o, m) => console.log(JSON.stringify({ ...o, msg: m })), error: (o, m) => console.log(JSON.stringify({ msg: m })) };
  exitOnSignals({ stop: () => new Promise((r) => setTimeout(() => { console.log(JSON.stringify({ msg: 'stopped' })); r(); }, 300)) }, logger);
  console.log(JSON.stringify({ msg: 'ready' }));
  setInterval(() => {}, 1000);
`;

test('SIGTERM stops gracefully and exits 0; a second signal does not cut the stop short', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('ready') && resolve()));
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGINT'), 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  const messages = output.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
  assert.deepEqual(messages, ['ready', 'shutting down', 'stopped']);
});
