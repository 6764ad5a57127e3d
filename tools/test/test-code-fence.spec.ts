import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { WORKSPACE_ROOT } from '@ecommerce/testing';

// Test-only code stays out of what ships: lint fails production files that import the harness.
const eslint = new ESLint({ cwd: WORKSPACE_ROOT });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(WORKSPACE_ROOT, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const IMPORT_HARNESS = "import { tempDataDir } from '@ecommerce/testing';\nexport const dir = tempDataDir();\n";

test('production code that imports the test harness fails lint', async () => {
  for (const file of ['apps/product-service/src/products/product-mapper.ts', 'libs/money/src/amount.ts', 'apps/api-gateway/src/app.ts']) {
    assert.ok((await ruleIds(file, IMPORT_HARNESS)).includes('no-restricted-imports'), file);
  }
});

test('specs and test folders may import it', async () => {
  for (const file of ['apps/product-service/src/products/product-mapper.spec.ts', 'apps/order-service/test/clients.ts']) {
    assert.deepEqual(await ruleIds(file, IMPORT_HARNESS), [], file);
  }
});

test("the SDK's shipped code imports no workspace project", async () => {
  const ids = await ruleIds('sdk/src/client.ts', "import { MAX_MINOR_AMOUNT } from '@ecommerce/money';\nexport const max = MAX_MINOR_AMOUNT;\n");
  assert.ok(ids.includes('no-restricted-imports'), ids.join(', '));
});
