import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { envChoice, envOptional, envPort, envPortOrOff, envPositiveInt, envString, sqliteFile } from './env.js';

test('unset and empty values take the default', () => {
  assert.equal(envString({}, 'HOST', '127.0.0.1'), '127.0.0.1');
  assert.equal(envString({ HOST: '  ' }, 'HOST', '127.0.0.1'), '127.0.0.1');
  assert.equal(envOptional({ URL: '' }, 'URL'), undefined);
  assert.equal(envPort({ PORT: '' }, 'PORT', 8000), 8000);
  assert.equal(envPositiveInt({}, 'TIMEOUT_MS', 2000), 2000);
  assert.equal(sqliteFile({}, 'x.sqlite'), join('data', 'x.sqlite'));
});

test('set values are parsed', () => {
  assert.equal(envString({ HOST: '0.0.0.0' }, 'HOST', '127.0.0.1'), '0.0.0.0');
  assert.equal(envOptional({ URL: 'postgres://db/x' }, 'URL'), 'postgres://db/x');
  assert.equal(envPort({ PORT: '0' }, 'PORT', 8000), 0);
  assert.equal(envPort({ PORT: '65535' }, 'PORT', 8000), 65535);
  assert.equal(envPositiveInt({ T: '750' }, 'T', 2000), 750);
  assert.equal(sqliteFile({ DATA_DIR: '/data' }, 'x.sqlite'), join('/data', 'x.sqlite'));
});

test('a malformed value stops start-up naming the variable', () => {
  for (const value of ['-1', '65536', '80.5', 'http', '8000abc']) {
    assert.throws(() => envPort({ GATEWAY_PORT: value }, 'GATEWAY_PORT', 8000), /GATEWAY_PORT must be a port number/, value);
  }
  for (const value of ['0', '-5', '1.5', 'soon', '2s']) {
    assert.throws(() => envPositiveInt({ T: value }, 'T', 1), /T must be a positive whole number/, value);
  }
});

test('a choice is one of its values, in any case', () => {
  assert.equal(envChoice({}, 'SYNC', ['NORMAL', 'FULL'], 'NORMAL'), 'NORMAL');
  assert.equal(envChoice({ SYNC: 'full' }, 'SYNC', ['NORMAL', 'FULL'], 'NORMAL'), 'FULL');
  assert.throws(() => envChoice({ SYNC: 'OFF' }, 'SYNC', ['NORMAL', 'FULL'], 'NORMAL'), /SYNC must be one of NORMAL, FULL, got "OFF"/);
});

test('envPortOrOff: a port, its default when unset, undefined for off', () => {
  assert.equal(envPortOrOff({}, 'M', 9464), 9464);
  assert.equal(envPortOrOff({ M: '0' }, 'M', 9464), 0);
  assert.equal(envPortOrOff({ M: 'OFF' }, 'M', 9464), undefined);
  assert.throws(() => envPortOrOff({ M: 'x' }, 'M', 9464), /M must be a port number from 0 to 65535, or off/);
});
