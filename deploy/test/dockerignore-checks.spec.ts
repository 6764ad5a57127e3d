import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDockerignore } from './dockerignore-checks.js';
import { mutate, workspaceFile } from './workspace-files.js';

const DOCKERIGNORE = workspaceFile('.dockerignore');

test('the real .dockerignore keeps host node_modules, output, data, .git and .env out of the context', () => {
  assert.deepEqual(checkDockerignore(DOCKERIGNORE), []);
});

describe('mutated copies of the real .dockerignore are rejected', () => {
  test('node_modules excluded only at the root, or not at all', () => {
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, '**/node_modules', 'node_modules')).join('\n'), /node_modules at any depth/);
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, '**/node_modules\n', '')).join('\n'), /node_modules at any depth/);
  });

  test('node_modules re-included by a negation', () => {
    assert.match(checkDockerignore(`${DOCKERIGNORE}\n!sdk/node_modules\n`).join('\n'), /re-includes sdk\/node_modules/);
  });

  test('.env files no longer excluded', () => {
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, /^\.env\n/m, '')).join('\n'), /\.env files/);
  });
});
