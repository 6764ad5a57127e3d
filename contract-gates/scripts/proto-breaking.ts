// The proto gate: `buf breaking` (the FILE rules of buf.yaml) of proto/ against the buf image of the
// last release. buf names each break (file:line:column and what changed); this adds what to do.
// Usage: node --import tsx contract-gates/scripts/proto-breaking.ts
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { ACCEPT_A_BREAK, BASELINE, releasedAs, WORKSPACE_ROOT } from './baseline.js';
import { BUF } from './buf.js';

const against = relative(WORKSPACE_ROOT, BASELINE.protoImage);
const result = spawnSync(BUF, ['breaking', '--against', against], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
if (result.status !== 0) {
  console.error(`${result.stdout}${result.stderr}`.trimEnd());
  console.error(`\nproto gate: proto/ breaks the gRPC contract released as ${releasedAs()} (buf breaking --against ${against}).`);
  console.error(ACCEPT_A_BREAK);
  process.exit(1);
}
console.log(`proto gate: proto/ keeps every client of ${releasedAs()} working (buf breaking, FILE rules, against ${against}).`);
