import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { copyWorkspace, type TaskRun, type WorkspaceCopy } from './workspace-copy.js';

// The project graph and the cache are what `nx affected -t test` and cache hits rest on: these
// tests change files in a copy of the workspace and check what Nx then selects and re-runs.
const APPS = ['product-service', 'order-service', 'api-gateway'];
const builds = (runs: TaskRun[]) => runs.filter((run) => run.task.endsWith(':build'));

describe('the Nx graph and cache', { timeout: 300_000 }, () => {
  let copy: WorkspaceCopy;
  before(() => {
    copy = copyWorkspace();
  });
  after(() => copy?.remove());

  test('a change to tools/build-app.mjs affects every app, and their builds re-run', () => {
    const affected = copy.affected(['tools/build-app.mjs']);
    for (const app of APPS) assert.ok(affected.includes(app), `${app} is affected: ${affected.join(', ')}`);
    copy.runMany(['build'], APPS);
    copy.touch('tools/build-app.mjs');
    const rerun = builds(copy.runMany(['build'], APPS));
    assert.deepEqual(rerun.map((run) => run.task).sort(), APPS.map((app) => `${app}:build`).sort());
    assert.deepEqual(rerun.filter((run) => run.cached), [], 'no build is a cache hit');
  });

  test('after a change to test support only, the builds are cache hits and the tests re-run', () => {
    copy.runMany(['build'], APPS);
    const support = ['libs/testing/src/load.ts', 'apps/order-service/test/clients.ts', 'apps/api-gateway/test/http-client.ts'];
    for (const file of support) copy.touch(file);
    const rerun = builds(copy.runMany(['build'], APPS));
    assert.equal(rerun.length, APPS.length);
    assert.deepEqual(rerun.filter((run) => !run.cached), [], 'every build is a cache hit');
    assert.ok(copy.isInput('order-service:test', 'apps/order-service/test/clients.ts'));
    assert.ok(copy.isInput('api-gateway:test', 'apps/api-gateway/test/http-client.ts'));
    for (const app of APPS) assert.ok(copy.isInput(`${app}:test`, 'libs/testing/src/load.ts'), `${app}:test re-runs`);
    assert.ok(copy.isInput('money:test', 'tools/run-tests.mjs'), 'a change to the test runner re-runs the tests');
  });

  test('a .proto change reaches exactly the projects built on the contracts', () => {
    assert.deepEqual(copy.affected(['proto/ecommerce/order/v1/order.proto']),
      ['api-gateway', 'contract-gates', 'contracts', 'deploy', 'e2e', 'grpc-kit', 'idempotency', 'order-service', 'product-service', 'proto', 'sdk', 'workspace'].sort());
  });

  test('a change to the CI workflow re-runs its validation only; a baseline change, only the contract gates and their tests', () => {
    assert.deepEqual(copy.affected(['.github/workflows/ci.yml']), ['ci']);
    assert.deepEqual(copy.affected(['contract-gates/baseline/openapi.json']), ['contract-gates', 'workspace']);
    assert.ok(copy.isInput('contract-gates:rest-breaking', 'apps/api-gateway/openapi.json'));
    assert.ok(copy.isInput('contract-gates:proto-breaking', 'proto/ecommerce/order/v1/order.proto'));
    assert.throws(() => copy.isInput('sdk:build', 'sdk/scripts/api-md.mjs'), /is not an input for sdk:build/, 'the API report tooling is not part of the build');
  });

  test("a root README change affects nothing; the SDK's README re-runs the SDK's package test", () => {
    assert.deepEqual(copy.affected(['README.md']), []);
    assert.ok(copy.affected(['sdk/README.md']).includes('sdk'));
    assert.ok(copy.isInput('sdk:test-package', 'sdk/README.md'));
  });
});
