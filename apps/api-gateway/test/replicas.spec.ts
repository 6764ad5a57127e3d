import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  createTempPostgresDatabase, startOrderService, startProductService, tempDataDir, waitFor, type AppProcess,
} from '@ecommerce/testing';
import { HEADPHONES, startTestGateway, type TestGateway } from './gateway.js';

type Json = Record<string, unknown> & { id: string };

/** Shared by every replica: the same database, the same page-token key. */
const PAGE_TOKEN_SECRET = `replicas-${randomUUID()}`;

// Two product-service and two order-service processes on one PostgreSQL database, two gateways in
// front, every client balancing with grpc-js round_robin over the replicas' addresses (`ipv4:a,b`).
describe('replicas on PostgreSQL behind two gateways', { timeout: 180_000 }, () => {
  const data = tempDataDir('ecommerce-replicas-');
  let drop: () => Promise<void>;
  const products: AppProcess[] = [];
  const orders: AppProcess[] = [];
  const gateways: TestGateway[] = [];
  const rpcs = (process: AppProcess, method: string) =>
    process.logs.filter((line) => line['msg'] === 'rpc' && String(line['method']).toLowerCase() === method.toLowerCase()).length;

  before(async () => {
    const database = await createTempPostgresDatabase();
    drop = database.drop;
    const env = { PRODUCT_DATABASE_URL: database.url, ORDER_DATABASE_URL: database.url, PAGE_TOKEN_SECRET, SHUTDOWN_GRACE_MS: '0' };
    // One at a time: the first runs the migrations (the others find them done, under the advisory lock either way).
    for (let i = 0; i < 2; i += 1) products.push(await startProductService(`${data.dir}/p${i}`, { env }));
    const productAddr = `ipv4:${products.map((p) => `127.0.0.1:${p.port}`).join(',')}`;
    for (let i = 0; i < 2; i += 1) orders.push(await startOrderService(`${data.dir}/o${i}`, productAddr, { env }));
    const orderAddr = `ipv4:${orders.map((o) => `127.0.0.1:${o.port}`).join(',')}`;
    for (let i = 0; i < 2; i += 1) gateways.push(await startTestGateway({ productServiceAddr: productAddr, orderServiceAddr: orderAddr }));
  });
  after(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await Promise.all([...orders, ...products].map((process) => process.stop()));
    await drop?.();
    data.cleanup();
  });

  const create = async (stock: number | null) => {
    const created = await gateways[0]!.api.post<Json>('/products', { ...HEADPHONES, stock });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.id;
  };

  test('calls are spread over the replicas of each service (round_robin)', async () => {
    const id = await create(null);
    const before = products.map((p) => rpcs(p, 'GetProduct'));
    for (let i = 0; i < 40; i += 1) assert.equal((await gateways[i % 2]!.api.get(`/products/${id}`)).status, 200);
    // Log lines reach the test in batches (every 50 ms at the latest).
    const served = await waitFor(() => {
      const counts = products.map((p, i) => rpcs(p, 'GetProduct') - before[i]!);
      return counts.reduce((a, b) => a + b, 0) === 40 && counts;
    }, { timeoutMs: 3000, what: '40 GetProduct lines' });
    assert.ok(served.every((n) => n >= 10), `GetProduct per replica: ${served.join(', ')}`);
  });

  test('40 concurrent orders through both gateways against a stock of 10: exactly 10 placed, none oversold', async () => {
    const id = await create(10);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => gateways[i % 2]!.api.post('/orders', { product_id: id, quantity: 1 })));
    assert.deepEqual(
      { placed: answers.filter((a) => a.status === 201).length, refused: answers.filter((a) => a.status === 409).length },
      { placed: 10, refused: 30 },
    );
    assert.equal((await gateways[1]!.api.get<Json>(`/products/${id}/stock`)).body['stock'], 0);
    await waitFor(() => orders.every((o) => rpcs(o, 'CreateOrder') > 0), { timeoutMs: 3000, what: 'both order-service replicas placing orders' });
  });

  test('an Idempotency-Key is honoured on every gateway and replica: one order, the retry replayed', async () => {
    const id = await create(100);
    const key = randomUUID();
    const answers = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(await gateways[i % 2]!.api.post<Json>('/orders', { product_id: id, quantity: 3 }, { headers: { 'idempotency-key': key } }));
    }
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 201]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'one order');
    assert.deepEqual(answers.slice(1).map((a) => a.headers.get('idempotent-replayed')), ['true', 'true', 'true']);
    assert.equal((await gateways[1]!.api.get<Json>(`/products/${id}/stock`)).body['stock'], 97, 'stock taken once');
  });

  test('orders and page tokens from one gateway are valid on the other', async () => {
    const first = await gateways[0]!.api.get<{ orders: Json[]; next_page_token: string | null }>('/orders?page_size=1');
    assert.equal(first.status, 200);
    assert.ok(first.body.next_page_token, 'more than one page');
    const next = await gateways[1]!.api.get<{ orders: Json[] }>(`/orders?page_size=1&page_token=${encodeURIComponent(first.body.next_page_token)}`);
    assert.equal(next.status, 200);
    assert.notEqual(next.body.orders[0]?.id, first.body.orders[0]?.id);
    assert.equal((await gateways[1]!.api.get(`/orders/${first.body.orders[0]!.id}`)).status, 200);
  });

  test('one replica of each service killed mid-load: every keyed order is placed exactly once, none lost', async () => {
    const id = await create(10_000);
    const placed = new Map<string, string>();
    const failures: string[] = [];
    let killed = false;
    // Four clients place 15 keyed orders each, retrying a failed attempt with the same key as the SDK does.
    await Promise.all(Array.from({ length: 4 }, async (_, client) => {
      for (let n = 0; n < 15; n += 1) {
        const key = randomUUID();
        for (let attempt = 0; ; attempt += 1) {
          const answer = await gateways[(client + attempt) % 2]!.api.post<Json>('/orders', { product_id: id, quantity: 1 }, { headers: { 'idempotency-key': key } });
          if (answer.status === 201) {
            placed.set(key, answer.body.id);
            break;
          }
          if (attempt === 15) {
            failures.push(`${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 200 * (attempt + 1))));
        }
        if (client === 0 && n === 4 && !killed) {
          killed = true;
          await Promise.all([products[1]!.stop('SIGKILL'), orders[1]!.stop('SIGKILL')]);
        }
      }
    }));
    assert.deepEqual(failures, []);
    assert.equal(placed.size, 60);
    assert.equal(new Set(placed.values()).size, 60, 'every key placed its own order');
    for (const orderId of placed.values()) assert.equal((await gateways[1]!.api.get(`/orders/${orderId}`)).status, 200, `order ${orderId} is there`);
    assert.equal((await gateways[0]!.api.get<Json>(`/products/${id}/stock`)).body['stock'], 10_000 - 60, 'stock taken once per order');
  });
});
