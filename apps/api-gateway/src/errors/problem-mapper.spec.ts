import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { assertProblem } from '@ecommerce/testing';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import {
  startStubProductService, stubProduct, type StubAnswer, type StubProductService,
} from '../../test/stub-upstreams.js';

const TIMEOUT_MS = 400;
const GENERIC_500 = 'The request could not be completed because of an internal error.';

interface Row {
  answer: StubAnswer;
  status: number;
  type: string;
  code?: string;
  reason?: string;
  fields?: string[];
  /** Exact detail, when it matters. */
  detail?: string;
}

/** Every gRPC code, answered with an ErrorDetails trailer but no reason: the code names the type. */
const byCode: Record<string, Row> = Object.fromEntries(([
  ['CANCELLED', 499], ['UNKNOWN', 500], ['INVALID_ARGUMENT', 400], ['DEADLINE_EXCEEDED', 504], ['NOT_FOUND', 404],
  ['ALREADY_EXISTS', 409], ['PERMISSION_DENIED', 403], ['RESOURCE_EXHAUSTED', 429], ['FAILED_PRECONDITION', 400],
  ['ABORTED', 409], ['OUT_OF_RANGE', 400], ['UNIMPLEMENTED', 501], ['INTERNAL', 500], ['UNAVAILABLE', 503],
  ['DATA_LOSS', 500], ['UNAUTHENTICATED', 401],
] as const).map(([name, http]) => [`code-${name}`, {
  answer: { fail: status[name], message: `stub says ${name}` },
  status: http, type: name.toLowerCase().replaceAll('_', '-'), code: name,
  // A service's own message reaches the client unless the status is a server fault (500, 501).
  detail: http === 500 ? GENERIC_500 : http === 501 ? 'The server does not support this operation.' : `stub says ${name}`,
}]));

const violation = (field: string) => ({ field, description: `bad ${field}` });

/** Reasons that name or refine the problem, and what must never leak. */
const byReason: Record<string, Row> = {
  'validation-renamed': {
    answer: {
      fail: status.INVALID_ARGUMENT, reason: 'VALIDATION_FAILED', message: 'invalid request: price.amount_minor ...',
      violations: ['price.amount_minor', 'price.currency', 'page_size', 'page_token', 'product_id', 'quantity', 'id', 'name']
        .map(violation),
    },
    status: 400, type: 'validation-failed', code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED',
    fields: ['price', 'currency', 'page_size', 'page_token', 'product_id', 'quantity', 'id', 'name'],
    detail: 'The request has 8 invalid fields: price, currency, page_size, page_token, product_id, quantity, id, name.',
  },
  'product-missing': {
    answer: { fail: status.NOT_FOUND, reason: 'PRODUCT_NOT_FOUND', message: 'product product-missing not found' },
    status: 404, type: 'product-not-found', code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND',
    detail: 'product product-missing not found',
  },
  'internal': {
    answer: { fail: status.INTERNAL, reason: 'INTERNAL', message: 'internal error' },
    status: 500, type: 'internal', code: 'INTERNAL', detail: GENERIC_500,
  },
  'upstream-unavailable': {
    answer: { fail: status.UNAVAILABLE, reason: 'PRODUCT_SERVICE_UNAVAILABLE', message: 'product-service is unavailable; retry later' },
    status: 503, type: 'product-service-unavailable', code: 'UNAVAILABLE', detail: 'product-service is unavailable; retry later',
  },
  // Bare statuses (no trailer) come from grpc-js itself and may name hosts: never passed on.
  'bare-unavailable': {
    answer: { fail: status.UNAVAILABLE, bare: true, message: 'connect ECONNREFUSED 10.1.2.3:50051' },
    status: 503, type: 'unavailable', code: 'UNAVAILABLE',
  },
  'bare-internal': {
    answer: { fail: status.INTERNAL, bare: true, message: 'SQLITE_CORRUPT at /var/lib/db' },
    status: 500, type: 'internal', detail: GENERIC_500,
  },
  'bare-not-found': {
    answer: { fail: status.NOT_FOUND, bare: true, message: 'secret route table' },
    status: 404, type: 'not-found', detail: 'Not found.',
  },
  'handler-threw': { answer: { throws: 'password=hunter2' }, status: 500, type: 'unknown', code: 'UNKNOWN', detail: GENERIC_500 },
  'too-slow': { answer: { hangMs: TIMEOUT_MS * 3 }, status: 504, type: 'deadline-exceeded', code: 'DEADLINE_EXCEEDED' },
  // The service broke the contract (an amount beyond the platform's bound): the gateway's own 500.
  'broken-product': {
    answer: { product: { ...stubProduct('x'), price: { amountMinor: '9223372036854775807', currency: 'USD' } } },
    status: 500, type: 'internal', reason: 'INTERNAL', detail: GENERIC_500,
  },
};

describe('gRPC failure -> problem details, through the real app against a stub ProductService', () => {
  let stub: StubProductService;
  let gateway: TestGateway;

  before(async () => {
    const answers = Object.fromEntries(Object.entries({ ...byCode, ...byReason }).map(([id, row]) => [id, row.answer]));
    stub = await startStubProductService(answers);
    gateway = await startTestGateway({
      productServiceAddr: stub.address, orderServiceAddr: stub.address, grpcTimeoutMs: TIMEOUT_MS,
    });
  });
  after(async () => {
    await gateway?.stop();
    await stub?.stop();
  });

  for (const [id, row] of Object.entries({ ...byCode, ...byReason })) {
    test(`${id} -> ${row.status} ${row.type}`, async () => {
      const requestId = `mapper-${id}`;
      const response = await gateway.api.get(`/products/${id}`, { headers: { 'X-Request-Id': requestId } });
      assertProblem(response, { ...row, instance: `/products/${id}` });
      if (row.detail !== undefined) assert.equal(response.body['detail'], row.detail);
      assert.doesNotMatch(JSON.stringify(response.body), /10\.1\.2\.3|SQLITE|hunter2|secret|9223372036854775807/);
      const call = stub.calls.find((c) => c.id === id);
      assert.ok(call);
      assert.equal(call.requestId, requestId, 'correlation id travels in x-request-id metadata');
      assert.ok(call.deadlineInMs > 0 && call.deadlineInMs <= TIMEOUT_MS, `deadline ${call.deadlineInMs} ms`);
    });
  }

  test('a stopped upstream is 503 unavailable, not 500', async () => {
    await stub.stop();
    const response = await gateway.api.get('/products/code-NOT_FOUND');
    assertProblem(response, { status: 503, type: 'unavailable', code: 'UNAVAILABLE' });
  });
});
