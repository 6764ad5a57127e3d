import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureCommand, findExecutable, type Host } from './system-package.js';

const TOOL = { command: 'fake-compose', aptPackage: 'fake-compose-pkg', envOverride: 'FAKE_COMPOSE' };
const root = mkdtempSync(join(tmpdir(), 'deploy-syspkg-'));
after(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh, empty PATH folder. */
function binDir(): string {
  const dir = join(root, `bin${++dirs}`);
  mkdirSync(dir);
  return dir;
}

function executable(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

/** A host whose apt-get is recorded; `installs` makes a successful install create the tool. */
function host(options: { path: string; env?: Record<string, string>; isRoot?: boolean; isDebian?: boolean; installs?: boolean }) {
  const calls: string[] = [];
  const fake: Host = {
    env: { PATH: options.path, ...options.env },
    isRoot: options.isRoot ?? true,
    isDebian: options.isDebian ?? true,
    run: (command, args, env) => {
      calls.push(`${env['DEBIAN_FRONTEND']} ${command} ${args.join(' ')}`);
      if (options.installs && args.includes('install')) executable(options.path, TOOL.command);
      return options.installs === false ? 100 : 0;
    },
    log: () => undefined,
  };
  return { fake, calls };
}

test('found on PATH: used as is, apt never runs', () => {
  const dir = binDir();
  const file = executable(dir, TOOL.command);
  const { fake, calls } = host({ path: `${binDir()}:${dir}` });
  assert.deepEqual(ensureCommand(TOOL, fake), [file]);
  assert.deepEqual(calls, []);
});

test('env override wins over PATH and may carry arguments ("docker compose")', () => {
  const dir = binDir();
  const docker = executable(dir, 'docker');
  executable(dir, TOOL.command);
  const { fake } = host({ path: dir, env: { FAKE_COMPOSE: 'docker compose' } });
  assert.deepEqual(ensureCommand(TOOL, fake), [docker, 'compose']);
});

test('env override naming nothing executable is an error naming the variable', () => {
  const { fake, calls } = host({ path: binDir(), env: { FAKE_COMPOSE: '/nowhere/compose' } });
  assert.throws(() => ensureCommand(TOOL, fake), /FAKE_COMPOSE="\/nowhere\/compose" but "\/nowhere\/compose" is not an executable/);
  assert.deepEqual(calls, []);
});

test('missing, root on Debian: apt-get update, then install of the package, then found', () => {
  const dir = binDir();
  const { fake, calls } = host({ path: dir, installs: true });
  assert.deepEqual(ensureCommand(TOOL, fake), [join(dir, TOOL.command)]);
  assert.deepEqual(calls, [
    'noninteractive apt-get -o DPkg::Lock::Timeout=300 update',
    'noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends fake-compose-pkg',
  ]);
});

test('missing and apt-get failing: an error naming the package', () => {
  const { fake } = host({ path: binDir(), installs: false });
  assert.throws(() => ensureCommand(TOOL, fake), /apt-get .*update failed with status 100\. .*"fake-compose-pkg"/);
});

test('missing and not root, or not Debian: no install attempt, an error naming the package', () => {
  for (const options of [{ isRoot: false }, { isDebian: false }]) {
    const { fake, calls } = host({ path: binDir(), ...options });
    assert.throws(() => ensureCommand(TOOL, fake),
      /fake-compose is required but was not found on PATH\. Install the Debian\/Ubuntu package "fake-compose-pkg" \(sudo apt-get install fake-compose-pkg\), or set FAKE_COMPOSE/);
    assert.deepEqual(calls, []);
  }
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
