import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REASON_NAMES, problemOf, problemType } from './catalog.js';
import { renderErrorDocs } from './error-docs.js';

const ROOT = resolve(__dirname, '../../..');

/** Production TypeScript of every app and library: src/ files that are not specs. */
function productionSources(): string {
  const texts: string[] = [];
  for (const group of ['apps', 'libs']) {
    for (const project of readdirSync(join(ROOT, group))) {
      const src = join(ROOT, group, project, 'src');
      let files: string[];
      try {
        files = readdirSync(src, { recursive: true }).map(String);
      } catch {
        continue;
      }
      for (const file of files) {
        if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.split('/').includes('gen') && !file.includes('catalog.ts')) {
          texts.push(readFileSync(join(src, file), 'utf8'));
        }
      }
    }
  }
  return texts.join('\n');
}

test('every reason in the catalogue is raised by some production code (no dead entries)', () => {
  const sources = productionSources();
  const unused = REASON_NAMES.filter((reason) => !sources.includes(`'${reason}'`));
  assert.deepEqual(unused, []);
});

test('a failure maps by its reason when it has a known one, else by its gRPC code', () => {
  assert.deepEqual(problemOf('PRODUCT_NOT_FOUND', 'NOT_FOUND'), { status: 404, title: 'Product not found', type: problemType('PRODUCT_NOT_FOUND') });
  assert.deepEqual(problemOf(undefined, 'RESOURCE_EXHAUSTED'), { status: 429, title: 'Resource exhausted', type: 'https://ecommerce.example.com/problems/resource-exhausted' });
  assert.deepEqual(problemOf('NOT_A_REASON', 'UNAVAILABLE').status, 503, 'an unknown reason maps by its code');
});

test('docs/errors.md is what the catalogue renders (else run `npx nx run errors:update-docs`)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8'), renderErrorDocs());
});
