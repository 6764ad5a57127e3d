// Runs every *.spec.ts under the given project folder with Node's test runner (TypeScript through
// tsx, path aliases from tsconfig.base.json). Usage: node tools/run-tests.mjs <projectRoot>
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = process.argv[2];
if (!root) {
  console.error('usage: node tools/run-tests.mjs <projectRoot>');
  process.exit(2);
}
const files = readdirSync(root, { recursive: true })
  .filter((name) => name.endsWith('.spec.ts') && !name.includes('node_modules'))
  .map((name) => join(root, name))
  .sort();
if (files.length === 0) {
  console.error(`no *.spec.ts files under ${root}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  // --test-force-exit: a failing test that leaves a handle open (a database, a socket) must not hang
  // the run; every test and after-hook has finished by then.
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: resolve('tsconfig.base.json') },
  },
);
process.exit(result.status ?? 1);
