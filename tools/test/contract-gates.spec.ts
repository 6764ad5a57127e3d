import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy.js';

// Each contract gate bites: in one copy of the workspace, a breaking change of its kind makes its
// check fail with a message that names the change, and the check passes again after the deliberate
// update (the baseline, the API report, the REST-only list). Then a release dry run in the same copy.
// The tests build on each other, in order.
describe('the contract gates bite, and pass after a deliberate update', { timeout: 480_000 }, () => {
  let copy: WorkspaceCopy;
  before(() => {
    copy = copyWorkspace();
  });
  after(() => copy?.remove());

  const read = (file: string) => readFileSync(join(copy.root, file), 'utf8');
  function edit(file: string, change: (text: string) => string): void {
    const before = read(file);
    const after = change(before);
    assert.notEqual(after, before, `the edit of ${file} applies`);
    writeFileSync(join(copy.root, file), after);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document, edited in place
  const editJson = (file: string, change: (value: any) => void) => edit(file, (text) => {
    const value: unknown = JSON.parse(text);
    change(value);
    return `${JSON.stringify(value, null, 2)}\n`;
  });
  function failure(run: () => string): string {
    try {
      run();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the check passed');
  }
  const nx = (...args: string[]) => copy.nx([...args, '--output-style=static']);
  // Each gate's own command, as its Nx target runs it (the graph test checks the targets' inputs):
  // one Nx run costs seconds of project graph, these cost a process each.
  const node = (...args: string[]) => copy.exec(process.execPath, args);
  const gate = (script: string) => () => node('--import', 'tsx', `contract-gates/scripts/${script}.ts`);
  const updateContractBaseline = gate('update-baseline');
  // The parity spec alone (the gateway's other tests start services), with the copy's path aliases.
  const parity = () => copy.exec('env', ['TSX_TSCONFIG_PATH=tsconfig.base.json', process.execPath, '--import', 'tsx', '--test', 'apps/api-gateway/test/rest-proto-parity.spec.ts']);
  const SPEC = 'apps/api-gateway/openapi.json';

  test("a renumbered proto field fails the proto gate with buf's message; after update-baseline it passes", () => {
    edit('proto/ecommerce/product/v1/product.proto', (text) => text.replace('  string name = 2;', '  string name = 9;'));
    const output = failure(() => nx('run', 'contract-gates:proto-breaking'));
    assert.match(output, /product\.proto:\d+:\d+:Previously present field "2" with name "name" on message "Product" was deleted/);
    assert.match(output, /breaks the gRPC contract released as @ecommerce\/sdk \d+\.\d+\.\d+/);
    assert.match(output, /npx nx run-many -t update-baseline/);
    updateContractBaseline();
    assert.match(gate('proto-breaking')(), /proto gate: proto\/ keeps every client/);
  });

  test('a removed spec field fails the REST gate, named where clients get it; after update-baseline it passes', () => {
    editJson(SPEC, (spec) => {
      const stock = spec.components.schemas.ProductStock;
      delete stock.properties.updated_at;
      stock.required = stock.required.filter((name: string) => name !== 'updated_at');
    });
    const output = failure(gate('rest-breaking'));
    assert.match(output, /GET \/products\/\{id\}\/stock: response 200 \(application\/json\) body updated_at: removed/);
    assert.match(output, /breaks the REST API released as @ecommerce\/sdk/);
    updateContractBaseline();
    assert.match(gate('rest-breaking')(), /REST gate: .* keeps every client/);
    // The later tests start from the real spec (the field back is an addition, which breaks nobody).
    writeFileSync(join(copy.root, SPEC), readFileSync(join(WORKSPACE_ROOT, SPEC)));
  });

  test('an unrecorded SDK API change fails the API report with its diff; after sdk:update-baseline it passes, api.md too', () => {
    edit('sdk/src/index.ts', (text) => `${text}/** The name the SDK gives itself in its User-Agent. */\nexport const SDK_NAME = 'ecommerce-sdk';\n`);
    const output = failure(() => nx('run', 'sdk:api-report'));
    assert.match(output, /The SDK's public API changed and sdk\/api-report\/sdk\.api\.md does not record it/);
    assert.match(output, /^\+export const SDK_NAME = "ecommerce-sdk";$/m);
    assert.match(output, /npx nx run sdk:update-baseline/);
    // The failed run built the SDK; its update-baseline target runs this on that build.
    node('sdk/scripts/api-report.mjs', '--update');
    assert.match(node('sdk/scripts/api-report.mjs'), /the public API is the one sdk\/api-report\/sdk\.api\.md records; sdk\/api\.md is current/);
    assert.match(read('sdk/api.md'), /### SDK_NAME\n\n```ts\nconst SDK_NAME = "ecommerce-sdk"\n```\n\nThe name the SDK gives itself in its User-Agent\./);
  });

  test('a REST field with no proto counterpart fails the parity test; listed as REST-only, with its reason, it passes', () => {
    if (!existsSync(join(copy.root, 'libs/contracts/src/gen'))) nx('run', 'contracts:generate');
    editJson(SPEC, (spec) => {
      spec.components.schemas.Product.properties.gift_wrap = { type: 'boolean' };
    });
    const output = failure(parity);
    assert.match(output, /Product\.gift_wrap: no proto counterpart \(ecommerce\.product\.v1\.Product has no field gift_wrap\)/);
    assert.match(output, /or list it in REST_ONLY with the reason/);
    edit('apps/api-gateway/test/rest-proto-parity.ts', (text) => text.replace(
      'export const REST_ONLY: Record<string, string> = {\n',
      "export const REST_ONLY: Record<string, string> = {\n  'Product.gift_wrap': 'chosen at the checkout, never stored with the product',\n",
    ));
    assert.match(parity(), /# fail 0/);
  });

  test('a release dry run bumps the version from the changesets, writes the CHANGELOG and moves the baselines', () => {
    const { version } = JSON.parse(read('sdk/package.json')) as { version: string };
    const [major, minor] = version.split('.').map(Number);
    const next = `${major}.${(minor ?? 0) + 1}.0`;
    writeFileSync(join(copy.root, '.changeset/gift-wrap.md'), '---\n"@ecommerce/sdk": minor\n---\n\nProducts say whether they are gift-wrapped.\n');
    copy.exec('npm', ['run', 'release:version']);
    assert.equal(JSON.parse(read('sdk/package.json')).version, next);
    assert.equal(JSON.parse(read('package-lock.json')).packages.sdk.version, next, 'the lockfile follows');
    assert.ok(!existsSync(join(copy.root, '.changeset/gift-wrap.md')), 'the changeset is consumed');
    assert.match(read('sdk/CHANGELOG.md'), new RegExp(`^## ${next.replaceAll('.', '\\.')}\\n\\n### Minor Changes\\n\\n- Products say whether they are gift-wrapped\\.$`, 'm'));
    assert.deepEqual(JSON.parse(read('contract-gates/baseline/release.json')), { '@ecommerce/sdk': next });
    assert.match(read('sdk/api-report/sdk.api.md'), new RegExp(`export const VERSION = "${next.replaceAll('.', '\\.')}";`));
  });
});
