// Records the current contract as the baseline: the buf image of proto/ and a copy of the committed
// OpenAPI spec, with the SDK version they belong to. Run deliberately, as part of
// `npx nx run-many -t update-baseline` (a release runs it too; see CONTRIBUTING.md).
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BASELINE, SDK_MANIFEST, SPEC, WORKSPACE_ROOT } from './baseline.js';
import { BUF } from './buf.js';

// Without source info the image holds only what buf breaking compares: comments and line numbers
// do not move the baseline.
execFileSync(BUF, ['build', '--exclude-source-info', '-o', relative(WORKSPACE_ROOT, BASELINE.protoImage)], { cwd: WORKSPACE_ROOT, stdio: 'inherit' });
copyFileSync(SPEC, BASELINE.spec);
const { name, version } = JSON.parse(readFileSync(SDK_MANIFEST, 'utf8')) as { name: string; version: string };
writeFileSync(BASELINE.release, `${JSON.stringify({ [name]: version }, null, 2)}\n`);
console.log(`contract baseline: ${relative(WORKSPACE_ROOT, BASELINE.protoImage)} and ${relative(WORKSPACE_ROOT, BASELINE.spec)} recorded as ${name} ${version}`);
