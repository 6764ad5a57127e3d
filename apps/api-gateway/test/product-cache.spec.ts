import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startServices, type Services } from '@ecommerce/testing';
import { startGatewayOver, startTestGateway, type TestGateway } from './gateway.js';

type Json = Record<string, unknown> & { id: string };

const READERS = 4;
const READS_EACH = 150;
const EDITS = 40;
const ORDERS = 30;

// The gateway's product cache (PRODUCT_CACHE_TTL_MS) in front of the real services, with a TTL far
// longer than the test: only invalidation can keep it correct. Readers, an editor and a buyer run
// at once; no read that starts after an edit (or the delete) has answered may see what was before.
describe('the product cache under concurrent reads, edits and orders', { timeout: 120_000 }, () => {
  let services: Services;
  let gateway: TestGateway;

  before(async () => {
    services = await startServices();
    gateway = await startGatewayOver(services, { productCache: { ttlMs: 600_000, maxEntries: 100 } });
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  test('no stale product after a PATCH or DELETE has answered, no stale stock after an order, and reads skip product-service', async () => {
    const created = await gateway.api.post<Json>('/products', { name: 'v0', price: 10, stock: 1000 });
    assert.equal(created.status, 201);
    const id = created.body.id;
    const path = `/products/${id}`;
    const getsBefore = productServiceGets(services);

    /** When each edit's answer arrived (edit i renamed the product to `v${i}`). */
    const editAnswered: number[] = [0];
    const reads: { started: number; version: number }[] = [];
    const staleStock: string[] = [];
    let editing = true;

    const readers = Array.from({ length: READERS }, async () => {
      for (let i = 0; i < READS_EACH; i += 1) {
        const started = performance.now();
        const response = await gateway.api.get<Json>(path);
        assert.equal(response.status, 200);
        reads.push({ started, version: Number(String(response.body['name']).slice(1)) });
        if (!editing) break;
      }
    });
    const editor = (async () => {
      for (let i = 1; i <= EDITS; i += 1) {
        const response = await gateway.api.call('PATCH', path, { json: { name: `v${i}` } });
        assert.equal(response.status, 200);
        editAnswered[i] = performance.now();
      }
      editing = false;
    })();
    const buyer = (async () => {
      for (let n = 1; n <= ORDERS; n += 1) {
        assert.equal((await gateway.api.post('/orders', { product_id: id, quantity: 1 })).status, 201);
        const stock = (await gateway.api.get<Json>(`${path}/stock`)).body['stock'];
        if (stock !== 1000 - n) staleStock.push(`after order ${n} the stock read ${String(stock)}`);
      }
    })();
    await Promise.all([...readers, editor, buyer]);

    // The newest edit that had answered before each read started: the read must show it or a later one.
    const stale = reads.filter((read) => {
      const latest = editAnswered.findLastIndex((answered) => answered < read.started);
      return read.version < latest;
    });
    assert.deepEqual(stale.slice(0, 5), [], `${stale.length} of ${reads.length} reads were stale`);
    assert.deepEqual(staleStock, []);
    assert.ok(reads.length >= READERS * 10, `reads ran alongside the edits (${reads.length})`);

    // Served from memory: far fewer GetProduct calls reached product-service than reads were made.
    const gets = productServiceGets(services) - getsBefore;
    assert.ok(gets < reads.length / 2, `${gets} GetProduct calls for ${reads.length} reads`);

    const deleted = await gateway.api.call('DELETE', path);
    assert.equal(deleted.status, 204);
    assert.equal((await gateway.api.get(path)).status, 404, 'not served from the cache once the DELETE has answered');
  });
});

/** GetProduct calls product-service has logged (each one is an `rpc` line). */
function productServiceGets(services: Services): number {
  return services.products.logs.filter((line) => line['msg'] === 'rpc' && String(line['method']).includes('GetProduct')).length;
}

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** The staleness bound docs/performance.md states for gateways sharing Redis. */
const STALENESS_BOUND_MS = 1000;

// Two gateways, each with its own product cache (TTL far longer than the test), hearing each
// other's writes through Redis pub/sub: an editor on one, readers on both, orders meanwhile.
describe('product caches of two gateways sharing Redis', { timeout: 120_000 }, () => {
  let services: Services;
  const gateways: TestGateway[] = [];

  before(async () => {
    services = await startServices();
    const productCacheRedis = { url: REDIS_URL, channel: `test:product-cache:${randomUUID()}` };
    for (let i = 0; i < 2; i += 1) {
      gateways.push(await startTestGateway({
        productServiceAddr: services.productAddr, orderServiceAddr: services.orderAddr,
        productCache: { ttlMs: 600_000, maxEntries: 100 }, productCacheRedis,
      }));
    }
  });
  after(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await services?.stop();
  });

  test(`the writing gateway reads its writes; the other stops serving the old product within ${STALENESS_BOUND_MS} ms`, async () => {
    const [writer, other] = gateways as [TestGateway, TestGateway];
    const created = await writer.api.post<Json>('/products', { name: 'v0', price: 10, stock: 1000 });
    const path = `/products/${created.body.id}`;
    const answered: number[] = [0];
    const reads: { started: number; version: number }[] = [];
    let editing = true;
    const readers = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 200 && editing; i += 1) {
        const started = performance.now();
        const response = await other.api.get<Json>(path);
        reads.push({ started, version: Number(String(response.body['name']).slice(1)) });
      }
    });
    const editor = (async () => {
      for (let i = 1; i <= 30; i += 1) {
        assert.equal((await writer.api.call('PATCH', path, { json: { name: `v${i}` } })).status, 200);
        answered[i] = performance.now();
        assert.equal((await writer.api.get<Json>(path)).body['name'], `v${i}`, 'the writing gateway reads its own write');
        assert.equal((await writer.api.post('/orders', { product_id: created.body.id, quantity: 1 })).status, 201);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      editing = false;
    })();
    await Promise.all([...readers, editor]);
    // How long after a newer version had been answered a read on the other gateway still showed an older one.
    const staleness = reads.map((read) => {
      const newer = answered[read.version + 1];
      return newer !== undefined && newer < read.started ? read.started - newer : 0;
    });
    const worst = Math.max(0, ...staleness);
    console.log(`worst staleness on the other gateway: ${worst.toFixed(1)} ms over ${reads.length} reads (${staleness.filter((ms) => ms > 0).length} stale)`);
    assert.ok(worst <= STALENESS_BOUND_MS, `a read showed a product ${worst.toFixed(0)} ms after a newer one was answered`);
    assert.ok(reads.length >= 30, 'reads ran alongside the edits');
  });
});
