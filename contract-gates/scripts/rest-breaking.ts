// The REST gate: the committed OpenAPI spec compared with the baseline of the last release
// (rules in rest-rules.ts). Exits 1, listing every breaking change, when a client of that release
// would break. Usage: node --import tsx contract-gates/scripts/rest-breaking.ts
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ACCEPT_A_BREAK, BASELINE, releasedAs, SPEC, WORKSPACE_ROOT } from './baseline.js';
import { compareSpecs } from './rest-rules.js';

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const changes = compareSpecs(read(BASELINE.spec), read(SPEC));
const breaking = changes.filter((change) => change.breaking);
const spec = relative(WORKSPACE_ROOT, SPEC);
if (breaking.length > 0) {
  console.error(`REST gate: ${spec} breaks the REST API released as ${releasedAs()} (${relative(WORKSPACE_ROOT, BASELINE.spec)}), ${breaking.length} breaking change(s):`);
  for (const change of breaking) console.error(`  - ${change.text}`);
  console.error(`\n${ACCEPT_A_BREAK}`);
  process.exit(1);
}
console.log(`REST gate: ${spec} keeps every client of ${releasedAs()} working (${changes.length} compatible change(s) since).`);
