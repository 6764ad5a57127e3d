import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Product } from '@ecommerce/sdk';
import { GATEWAY_URL } from '../../support/endpoints.js';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { startKeyedGateway, KEYS } from '../../support/access.js';
import { platformClient } from '../../support/sdk.js';

const run = promisify(execFile);

interface SeedRun { total: number; created: { id: string; name: string }[]; present: string[] }

const SEED = join(WORKSPACE_ROOT, 'tools', 'seed.mjs');

/** Runs `npm run seed`'s script against the platform under test and reads what it reports. */
async function seed(env: Record<string, string> = {}): Promise<SeedRun> {
  const { stdout } = await run(process.execPath, [SEED], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, GATEWAY_URL, ...env },
    timeout: 20_000,
  });
  const summary = /^seeded (\d+) products: (\d+) created, (\d+) already present$/m.exec(stdout);
  expect(summary, stdout).not.toBeNull();
  const created = [...stdout.matchAll(/^ {2}created {2}(\S+) {2}(.+) \(/gm)].map(([, id = '', name = '']) => ({ id, name }));
  const present = [...stdout.matchAll(/^ {2}exists {3}(.+)$/gm)].map(([, name = '']) => name);
  expect([created.length, present.length]).toEqual([Number(summary?.[2]), Number(summary?.[3])]);
  return { total: Number(summary?.[1]), created, present };
}

test('tools/seed.mjs fills the catalog through the SDK, and a second run adds nothing', async () => {
  const first = await seed();
  expect(first.total).toBeGreaterThanOrEqual(5);
  expect(first.created.length + first.present.length).toBe(first.total);

  const client = platformClient();
  for (const { id, name } of first.created) expect((await client.products.get(id)).name).toBe(name);
  const catalog: Product[] = [];
  for await (const product of client.products.list({ page_size: 100 })) catalog.push(product);
  const names = new Set(catalog.map((p) => p.name));
  for (const name of [...first.created.map((c) => c.name), ...first.present]) expect(names).toContain(name);

  const second = await seed();
  expect(second.created).toEqual([]);
  expect(second.present.length).toBe(first.total);
});

// One of the seed's products is deleted first (whether or not the test above ran), so each run has
// one to create: without a key that create is refused.
test('against a gateway with API keys (as compose runs it), the seed is refused without ECOMMERCE_API_KEY and works with one', async () => {
  const keyed = await startKeyedGateway();
  try {
    const admin = platformClient({ baseUrl: keyed.baseUrl, apiKey: KEYS.admin });
    for await (const product of admin.products.list({ page_size: 100 })) {
      if (product.name === 'Mechanical Keyboard') await admin.products.delete(product.id);
    }
    const refused = await run(process.execPath, [SEED], { cwd: WORKSPACE_ROOT, env: { ...process.env, GATEWAY_URL: keyed.baseUrl }, timeout: 20_000 })
      .then(() => undefined, (error: { code?: number; stderr?: string }) => error);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('set ECOMMERCE_API_KEY to a key with products:write');
    const seeded = await seed({ GATEWAY_URL: keyed.baseUrl, ECOMMERCE_API_KEY: KEYS.admin });
    expect(seeded.created.map((product) => product.name)).toContain('Mechanical Keyboard');
  } finally {
    await keyed.stop();
  }
});
