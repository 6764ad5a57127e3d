import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSample, propertySeed, startServices, type Services } from '@ecommerce/testing';
import { hostileRequests, type HostileRequest } from './hostile-requests.js';
import { HEADPHONES, startGatewayOver, type TestGateway } from './gateway.js';

/** Generated requests per run: at least 10,000 (README "Tests"). */
const RUNS = 10_000;
/** Requests in flight at once (both cores busy; the order of the sample stays the seed's). */
const CONCURRENCY = 8;

interface Snapshot { products: string; orders: string; stock: string; order: string }

// Property-based: 10,000 generated hostile REST requests across every operation (malformed and
// lossy bodies, wrong types and media types, bad ids, queries and headers, unicode edge cases,
// deep nesting) against the gateway in front of the real services. Every answer must be a 4xx
// problem+json (with its fields for a validation failure), never a 5xx, and nothing may change.
// The seed is printed; replay a failure with FC_SEED=<seed>.
describe('hostile REST requests (fast-check)', { timeout: 240_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  let productId: string;
  let orderId: string;

  const snapshot = async (): Promise<Snapshot> => {
    const body = async (path: string) => JSON.stringify((await gateway.api.get(path)).body);
    return {
      products: await body('/products?page_size=100'),
      orders: await body('/orders?page_size=100'),
      stock: await body(`/products/${productId}/stock`),
      order: await body(`/orders/${orderId}`),
    };
  };

  before(async () => {
    services = await startServices();
    gateway = await startGatewayOver(services);
    const product = await gateway.api.post<{ id: string }>('/products', { ...HEADPHONES, stock: 5 });
    productId = product.body.id;
    const order = await gateway.api.post<{ id: string }>('/orders', { product_id: productId, quantity: 1 });
    orderId = order.body.id;
    assert.deepEqual([product.status, order.status], [201, 201]);
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  const send = async (request: HostileRequest) => {
    const response = await fetch(gateway.baseUrl + request.path, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && { body: request.body }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  /** Why an answer breaks the property, or undefined when it holds. */
  const problemWith = async (request: HostileRequest): Promise<string | undefined> => {
    const answer = await send(request);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status < 400 || answer.status >= 500) return `-> ${answer.status} ${answer.text.slice(0, 300)}`;
    if (!/^application\/problem\+json/.test(answer.type)) return `-> ${answer.status} as ${answer.type}`;
    const problem = JSON.parse(answer.text) as Record<string, unknown> & { errors?: { field: string; message: string }[] };
    if (problem['status'] !== answer.status) return `-> body status ${String(problem['status'])}, HTTP ${answer.status}`;
    const missing = ['type', 'title', 'detail', 'instance', 'request_id'].filter((member) => typeof problem[member] !== 'string');
    if (missing.length > 0) return `-> problem without ${missing.join(', ')}`;
    const errors = problem.errors ?? [];
    if (problem['reason'] === 'VALIDATION_FAILED' && (errors.length === 0 || errors.some((e) => !e.field || !e.message))) {
      return `-> validation failure without its fields: ${JSON.stringify(errors)}`;
    }
    return undefined;
  };
  const statuses = new Map<number, number>();

  test(`${RUNS} requests: each a 4xx problem+json, none a 5xx, and nothing written`, async () => {
    const before = await snapshot();
    const seed = propertySeed('hostile REST requests');
    const failures = await checkSample(hostileRequests({ productId, orderId }), {
      seed, runs: RUNS, concurrency: CONCURRENCY, check: problemWith,
      describe: (r) => `${r.defect}: ${r.method} ${r.path} ${JSON.stringify(r.headers)} ${String(r.body).slice(0, 200)}`,
    });
    console.log(`statuses seen: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${RUNS} requests broke the property (seed ${seed})`);
    assert.equal([...statuses.values()].reduce((sum, n) => sum + n, 0), RUNS);
    assert.deepEqual(await snapshot(), before, 'nothing was written');
  });
});
