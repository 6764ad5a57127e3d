import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { assertProblem, httpClient, startPlatform, waitFor, type AppProcess, type Platform } from '@ecommerce/testing';

type Order = Record<string, unknown> & { id: string };

/** Each process's SIGTERM grace period in this file. */
const GRACE_MS = 2000;
/** Concurrent clients of the steady load. */
const WORKERS = 6;

interface Outcome { started: number; status: number | string }

/**
 * Steady load against the gateway until `until()` says stop: each worker alternates a product read
 * and an order (untracked stock, so every order can succeed). Resolves with every request's outcome.
 */
async function steadyLoad(baseUrl: string, productId: string, until: () => boolean): Promise<Outcome[]> {
  const api = httpClient(baseUrl);
  const outcomes: Outcome[] = [];
  await Promise.all(Array.from({ length: WORKERS }, async (_, worker) => {
    for (let i = 0; !until() && i < 2000; i += 1) {
      const started = Date.now();
      try {
        const response = (i + worker) % 2 === 0
          ? await api.get(`/products/${productId}`)
          : await api.post('/orders', { product_id: productId, quantity: 1 });
        outcomes.push({ started, status: response.status });
      } catch (error) {
        outcomes.push({ started, status: (error as { cause?: { code?: string } }).cause?.code ?? String(error) });
      }
    }
  }));
  return outcomes;
}

// Faults injected into the live platform (three processes on loopback, SQLite): each bounded in
// time and count. What a client sees, and what the stores keep.
describe('faults on the live platform', { timeout: 180_000 }, () => {
  let platform: Platform;
  let productId: string;
  const api = () => httpClient(platform.baseUrl);

  before(async () => {
    platform = await startPlatform({ env: { SHUTDOWN_GRACE_MS: String(GRACE_MS) }, orderEnv: { PRODUCT_CALL_TIMEOUT_MS: '1000' } });
    const created = await api().post<{ id: string }>('/products', { name: 'Steady seller', price: 4.5 });
    assert.equal(created.status, 201);
    productId = created.body.id;
  });
  after(async () => {
    await platform?.stop();
  });

  for (const target of ['products', 'orders', 'gateway'] as const) {
    test(`SIGTERM of ${target} under steady load: every request sent before and during its grace period succeeds`, async () => {
      const victim: AppProcess = platform[target];
      let signalledAt = Number.POSITIVE_INFINITY;
      // Requests keep coming for half the grace period after the signal, then stop: all of those
      // were accepted while the process still served, so all must complete.
      const load = steadyLoad(platform.baseUrl, productId, () => Date.now() > signalledAt + GRACE_MS / 2);
      try {
        await delay(400);
        signalledAt = Date.now();
        victim.child.kill('SIGTERM');
        const outcomes = await load;
        assert.equal(await victim.exited, 0, `${target} exited 0 after draining`);
        const failed = outcomes.filter((o) => o.status !== 200 && o.status !== 201);
        const during = outcomes.filter((o) => o.started > signalledAt).length;
        console.log(`SIGTERM of ${target}: ${outcomes.length} requests (${during} sent after the signal), ${failed.length} failed`);
        assert.deepEqual(failed, [], `${failed.length} of ${outcomes.length} requests failed`);
        assert.ok(during > 0, 'requests arrived during the grace period');
      } finally {
        // The next fault starts from a whole platform, whatever this one found.
        signalledAt = Math.min(signalledAt, Date.now());
        await load;
        await victim.exited;
        await platform.restart(target);
        await waitFor(async () => (await api().get('/readyz')).status === 200, { timeoutMs: 10_000, what: 'the platform ready again' });
      }
    });
  }

  test('SIGKILL of order-service right after acknowledged orders: not one of them is lost', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const order = await api().post<Order>('/orders', { product_id: productId, quantity: 1 });
      assert.equal(order.status, 201);
      acknowledged.push(order.body.id);
    }
    await platform.orders.stop('SIGKILL');
    await platform.restart('orders');
    for (const id of acknowledged) {
      const fetched = await waitFor(async () => {
        const response = await api().get<Order>(`/orders/${id}`);
        return response.status === 200 ? response : undefined;
      }, { timeoutMs: 10_000, what: `order ${id}` });
      assert.equal(fetched.body.id, id);
    }
    console.log(`SIGKILL of order-service: ${acknowledged.length} acknowledged orders, all found after the restart`);
  });

  test('product-service down: POST /orders is 503 within the deadline, GET /orders works, and orders succeed again once it alone restarts', async () => {
    assert.equal(await platform.products.stop(), 0);
    const started = Date.now();
    assertProblem(await api().post('/orders', { product_id: productId, quantity: 1 }), { status: 503, type: 'product-service-unavailable' });
    const refusedMs = Date.now() - started;
    console.log(`product-service down: POST /orders answered 503 in ${refusedMs} ms`);
    assert.ok(refusedMs < 5000, 'within the gateway\'s deadline');
    assert.equal((await api().get('/orders?page_size=5')).status, 200);
    const restartedAt = Date.now();
    await platform.restart('products');
    const order = await waitFor(async () => {
      const response = await api().post<Order>('/orders', { product_id: productId, quantity: 1 });
      return response.status === 201 ? response : undefined;
    }, { timeoutMs: 10_000, what: 'an order accepted again' });
    assert.equal(order.status, 201);
    console.log(`orders accepted again ${Date.now() - restartedAt} ms after product-service restarted (nothing else restarted)`);
  });
});
