// Writes sdk/src/gen/version.ts, the exported VERSION, from sdk/package.json (one source for the
// version: the build, the tests and the User-Agent all read the generated constant).
// Run from anywhere: node sdk/scripts/generate-version.mjs. Part of the cached `sdk:generate`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
if (typeof version !== 'string' || version === '') throw new Error('sdk/package.json has no version');
const outFile = join(sdk, 'src/gen/version.ts');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, [
  '// @generated from sdk/package.json by `nx run sdk:generate` (scripts/generate-version.mjs). Do not edit.',
  '/** The version of this SDK (its package.json version), also sent in the User-Agent outside browsers. */',
  `export const VERSION = ${JSON.stringify(version)};`,
  '',
].join('\n'));
console.log(`generated sdk/src/gen/version.ts (VERSION ${version})`);
