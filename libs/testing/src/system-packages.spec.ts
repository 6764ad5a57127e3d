import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureSystemPackages, findExecutable, findTool, requireTool, type Host, type SystemTool } from './system-packages.js';

const BROWSER: SystemTool = { commands: ['fake-browser', 'fake-browser-alt'], aptPackage: 'fake-browser-pkg', envOverride: 'FAKE_BROWSER' };
const COMPOSE: SystemTool = { commands: ['fake-compose'], aptPackage: 'fake-compose-pkg', envOverride: 'FAKE_COMPOSE' };
const LOCKED = 'E: Could not get lock /var/lib/apt/lists/lock. It is held by process 8612 (apt-get)\n';

const root = mkdtempSync(join(tmpdir(), 'system-packages-'));
after(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh PATH folder holding an apt-get (never run: the fake host records calls instead). */
function binDir(): string {
  const dir = join(root, `bin${++dirs}`);
  mkdirSync(dir);
  executable(dir, 'apt-get');
  return dir;
}

function executable(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

interface FakeOptions {
  path: string;
  env?: Record<string, string>;
  isRoot?: boolean;
  isDebian?: boolean;
  /** Exit status and output of each apt-get call, in order; then success. */
  answers?: { status: number; output: string }[];
  /** What a successful install puts on PATH. */
  installs?: string[];
}

/** A host that records apt-get calls and sleeps, answering from `answers`. */
function fakeHost(options: FakeOptions) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  const answers = [...(options.answers ?? [])];
  const host: Host = {
    env: { PATH: options.path, ...options.env },
    isRoot: options.isRoot ?? true,
    isDebian: options.isDebian ?? true,
    run: (command, args, env) => {
      calls.push(`${env['DEBIAN_FRONTEND']} ${command} ${args.join(' ')}`);
      const answer = answers.shift() ?? { status: 0, output: '' };
      if (answer.status === 0 && args.includes('install')) for (const name of options.installs ?? []) executable(options.path, name);
      return answer;
    },
    sleep: (ms) => sleeps.push(ms),
    log: () => undefined,
  };
  return { host, calls, sleeps };
}

const LOCK = '-o DPkg::Lock::Timeout=600';

test('everything on PATH: apt never runs', () => {
  const dir = binDir();
  executable(dir, 'fake-browser-alt');
  executable(dir, 'fake-compose');
  const { host, calls } = fakeHost({ path: dir });
  assert.deepEqual(ensureSystemPackages([BROWSER, COMPOSE], host), []);
  assert.deepEqual(calls, []);
});

test('missing tools, root on Debian: one update, then one install of every missing package', () => {
  const dir = binDir();
  const { host, calls } = fakeHost({ path: dir, installs: ['fake-browser', 'fake-compose'] });
  assert.deepEqual(ensureSystemPackages([BROWSER, COMPOSE], host), ['fake-browser-pkg', 'fake-compose-pkg']);
  assert.deepEqual(calls, [
    `noninteractive apt-get ${LOCK} update`,
    `noninteractive apt-get ${LOCK} install -y fake-browser-pkg fake-compose-pkg`,
  ]);
  assert.deepEqual(findTool(COMPOSE, host.env), [join(dir, 'fake-compose')]);
});

test('a lock held by another apt: both steps wait and retry instead of failing', () => {
  const dir = binDir();
  const { host, calls, sleeps } = fakeHost({
    path: dir,
    installs: ['fake-compose'],
    answers: [{ status: 100, output: LOCKED }, { status: 100, output: LOCKED }, { status: 0, output: '' },
      { status: 100, output: 'E: Could not get lock /var/cache/apt/archives/lock' }],
  });
  assert.deepEqual(ensureSystemPackages([COMPOSE], host), ['fake-compose-pkg']);
  assert.equal(calls.filter((c) => c.endsWith(' update')).length, 3);
  assert.equal(calls.filter((c) => c.includes(' install ')).length, 2);
  assert.equal(sleeps.length, 3);
});

test('apt failing for another reason: an error naming the package, no retry', () => {
  const { host, calls } = fakeHost({ path: binDir(), answers: [{ status: 0, output: '' }, { status: 100, output: 'E: Unable to locate package fake-compose-pkg' }] });
  assert.throws(() => ensureSystemPackages([COMPOSE], host), /install -y fake-compose-pkg failed with status 100\. .*"fake-compose-pkg"/);
  assert.equal(calls.length, 2);
});

test('installed, yet still not on PATH: an error naming the package', () => {
  const { host } = fakeHost({ path: binDir() });
  assert.throws(() => ensureSystemPackages([COMPOSE], host), /installed fake-compose-pkg, yet: .*fake-compose/);
});

test('not root, or not Debian: no install attempt, an error naming every missing package', () => {
  for (const options of [{ isRoot: false }, { isDebian: false }]) {
    const { host, calls } = fakeHost({ path: binDir(), ...options });
    assert.throws(() => ensureSystemPackages([BROWSER, COMPOSE], host),
      /need fake-browser \(Debian package "fake-browser-pkg", or set FAKE_BROWSER\) and fake-compose .*sudo apt-get install fake-browser-pkg fake-compose-pkg/);
    assert.deepEqual(calls, []);
  }
});

test('the env override wins over PATH and may carry arguments ("docker compose")', () => {
  const dir = binDir();
  const docker = executable(dir, 'docker');
  executable(dir, 'fake-compose');
  assert.deepEqual(findTool(COMPOSE, { PATH: dir, FAKE_COMPOSE: 'docker compose' }), [docker, 'compose']);
  assert.throws(() => findTool(COMPOSE, { PATH: dir, FAKE_COMPOSE: '/nowhere/compose' }),
    /FAKE_COMPOSE="\/nowhere\/compose" but "\/nowhere\/compose" is not an executable/);
});

test('requireTool names the package of a missing tool', () => {
  assert.throws(() => requireTool(BROWSER, { PATH: binDir() }), /fake-browser \(Debian package "fake-browser-pkg"/);
});

test('findExecutable skips non-executable files, folders and relative PATH entries', () => {
  const dir = binDir();
  writeFileSync(join(dir, 'plain'), '');
  mkdirSync(join(dir, 'folder'));
  assert.equal(findExecutable('plain', dir), undefined);
  assert.equal(findExecutable('folder', dir), undefined);
  assert.equal(findExecutable('sh', 'relative/bin'), undefined);
  assert.equal(findExecutable('sh', '/bin'), '/bin/sh');
});
