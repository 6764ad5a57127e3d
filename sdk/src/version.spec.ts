import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient, VERSION } from './index.js';

const manifest = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string };

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('VERSION and User-Agent', () => {
  it('VERSION is the package.json version', () => {
    assert.equal(VERSION, manifest.version);
  });

  it('sends User-Agent: ecommerce-sdk/<version> node/<process.version> in Node', async () => {
    stub = await startStub(() => ({ status: 200, body: productBody('p1') }));
    await new EcommerceClient({ baseUrl: stub.baseUrl }).products.get('p1');
    assert.equal(stub.requests[0]?.headers['user-agent'], `ecommerce-sdk/${VERSION} node/${process.version}`);
  });

  it('sets no User-Agent where a document exists (browsers forbid it)', async () => {
    stub = await startStub(() => ({ status: 200, body: productBody('p1') }));
    const seen: Record<string, string>[] = [];
    const client = new EcommerceClient({
      baseUrl: stub.baseUrl,
      fetch: (url, init) => (seen.push(init.headers), fetch(url, init)),
    });
    (globalThis as { document?: unknown }).document = {};
    try {
      await client.products.get('p1');
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
    assert.equal(seen[0]?.['user-agent'], undefined);
  });
});
