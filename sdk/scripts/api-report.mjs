// The SDK's public API, recorded: API Extractor reads the built declarations (dist/cjs/index.d.ts)
// and compares their API with the committed report, api-report/sdk.api.md; api.md, the API
// reference, is rendered from the same model. Run after `nx run sdk:build`:
//   node sdk/scripts/api-report.mjs            check: exit 1, with the diff, when either is out of date
//   node sdk/scripts/api-report.mjs --update   record the current API (nx run sdk:update-baseline)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { renderApiMarkdown } from './api-md.mjs';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = resolve(sdk, '..');
const update = process.argv.includes('--update');
const UPDATE_COMMAND = 'npx nx run sdk:update-baseline (or every baseline: npx nx run-many -t update-baseline)';

if (!existsSync(join(sdk, 'dist/cjs/index.d.ts'))) {
  console.error('sdk api report: dist/cjs/index.d.ts is missing; run `npx nx run sdk:build` first');
  process.exit(1);
}
const config = ExtractorConfig.loadFileAndPrepare(join(sdk, 'api-extractor.json'));
mkdirSync(dirname(config.reportFilePath), { recursive: true });
const result = Extractor.invoke(config, {
  localBuild: update,
  messageCallback(message) {
    // The report's own difference is explained below, with the command this workspace uses.
    if (message.messageId === 'console-api-report-not-copied' || message.messageId === 'console-compiler-version-notice') message.handled = true;
  },
});
if (result.errorCount > 0) {
  console.error(`sdk api report: API Extractor failed with ${result.errorCount} error(s)`);
  process.exit(1);
}

const report = relative(workspace, config.reportFilePath);
const apiMd = join(sdk, 'api.md');
const markdown = renderApiMarkdown(config.apiJsonFilePath);
if (update) {
  writeFileSync(apiMd, markdown);
  console.log(`sdk api report: recorded ${report} and sdk/api.md`);
  process.exit(0);
}

const problems = [];
if (result.apiReportChanged) {
  const diff = spawnSync('diff', ['-u', config.reportFilePath, config.reportTempFilePath], { encoding: 'utf8' });
  problems.push(`The SDK's public API changed and ${report} does not record it:\n${diff.stdout || '(the report is missing)'}`);
}
if (!existsSync(apiMd) || readFileSync(apiMd, 'utf8') !== markdown) {
  problems.push('sdk/api.md, the API reference, is stale: it no longer matches the public API.');
}
if (problems.length > 0) {
  console.error(`sdk api report:\n${problems.join('\n')}`);
  console.error(`If the change is intended: ${UPDATE_COMMAND}, and commit the report and api.md with it.`);
  console.error('A change that removes or changes an export breaks client apps: add a changeset (npx changeset, minor before 1.0) saying why. See CONTRIBUTING.md.');
  process.exit(1);
}
console.log(`sdk api report: the public API is the one ${report} records; sdk/api.md is current.`);
