import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  httpClient, listServicesByReflection, startOtlpReceiver, startPlatform, waitFor,
  type AppProcess, type HttpClient, type LogLine, type OtlpReceiver, type Platform, type ReceivedSpan,
} from '@ecommerce/testing';
import { HEADPHONES } from './gateway.js';
import { sampleValue, scrape } from './metrics-text.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;

/** Every line of `app` that names this request id. */
const linesOf = (app: AppProcess, requestId: string): LogLine[] => app.logs.filter((line) => line['request_id'] === requestId);

// The three real processes with OTLP export on (to a receiver this file starts on loopback) and
// the services' metrics servers on free ports: what an operator sees of one request.
describe('telemetry across gateway, order-service and product-service', { timeout: 120_000 }, () => {
  let receiver: OtlpReceiver;
  let platform: Platform;
  let api: HttpClient;

  before(async () => {
    receiver = await startOtlpReceiver();
    platform = await startPlatform({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        PRODUCT_SERVICE_METRICS_PORT: '0',
        ORDER_SERVICE_METRICS_PORT: '0',
      },
    });
    api = httpClient(platform.baseUrl);
  });
  after(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  test('a caller\'s traceparent reaches all three logs and one exported trace links gateway -> order-service -> product-service', async () => {
    const requestId = `trace-${randomUUID()}`;
    const headers = { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, 'x-request-id': requestId };
    const product = await api.post<{ id: string }>('/products', { ...HEADPHONES, stock: 5 }, { headers });
    assert.equal(product.status, 201);
    const order = await api.post('/orders', { product_id: product.body.id, quantity: 2 }, { headers });
    assert.equal(order.status, 201);

    // Log lines arrive in batches (every 50 ms at the latest): wait for the last hop's line first.
    await waitFor(() => linesOf(platform.products, requestId).some((line) => line['method'] === 'reserveStock'),
      { what: 'order-service passing the trace on to product-service (its reserveStock line)' });
    for (const app of [platform.gateway, platform.orders, platform.products]) {
      const lines = await waitFor(() => linesOf(app, requestId).length > 0 && linesOf(app, requestId), { what: `${app.app} lines of ${requestId}` });
      for (const line of lines) {
        assert.equal(line['trace_id'], TRACE_ID, `${app.app}: ${JSON.stringify(line)}`);
        assert.match(String(line['span_id']), /^[0-9a-f]{16}$/);
      }
    }
    assert.ok(linesOf(platform.products, requestId).some((line) => line['method'] === 'reserveStock'), 'order-service passed the trace on to product-service');

    // gateway server span (child of the caller) -> its client span CreateOrder -> order-service's
    // server span -> its client span ReserveStock -> product-service's server span.
    const spans = () => receiver.spans.filter((span) => span.traceId === TRACE_ID);
    const find = (service: string, kind: number, name: string) => spans().find((span) => span.service === service && span.kind === kind && span.name === name);
    const chain = await waitFor(() => {
      const links = [
        find('api-gateway', SERVER, 'POST /orders'),
        find('api-gateway', CLIENT, 'ecommerce.order.v1.OrderService/CreateOrder'),
        find('order-service', SERVER, 'ecommerce.order.v1.OrderService/CreateOrder'),
        find('order-service', CLIENT, 'ecommerce.product.v1.ProductService/ReserveStock'),
        find('product-service', SERVER, 'ecommerce.product.v1.ProductService/ReserveStock'),
      ];
      return links.every(Boolean) && (links as ReceivedSpan[]);
    }, { timeoutMs: 10_000, what: 'the CreateOrder spans of all three processes' });
    assert.equal(chain[0]?.parentSpanId, CALLER_SPAN);
    for (let i = 1; i < chain.length; i += 1) assert.equal(chain[i]?.parentSpanId, chain[i - 1]?.spanId, `${chain[i]?.service} ${chain[i]?.name}`);
    const orderLine = linesOf(platform.orders, requestId).find((line) => line['method'] === 'createOrder');
    assert.equal(orderLine?.['span_id'], chain[2]?.spanId, 'the log line names the exported span');
  });

  test('an invalid traceparent is no error: the gateway starts a new trace and passes it on', async () => {
    const requestId = `bad-trace-${randomUUID()}`;
    const response = await api.get('/products?page_size=1', { headers: { traceparent: `00-${'0'.repeat(32)}-${CALLER_SPAN}-01`, 'x-request-id': requestId } });
    assert.equal(response.status, 200);
    const gatewayLine = await waitFor(() => linesOf(platform.gateway, requestId)[0], { what: 'the gateway line' });
    const productLine = await waitFor(() => linesOf(platform.products, requestId)[0], { what: 'the product-service line' });
    assert.match(String(gatewayLine['trace_id']), /^[0-9a-f]{32}$/);
    assert.notEqual(gatewayLine['trace_id'], '0'.repeat(32));
    assert.equal(productLine['trace_id'], gatewayLine['trace_id']);
  });

  test('/metrics counts the requests made: HTTP by route template and status, gRPC by method and code, on all three', async () => {
    const productMetrics = `http://127.0.0.1:${Number((await platform.products.waitForLog((l) => l['msg'] === 'metrics listening'))['metrics_port'])}/metrics`;
    const orderMetrics = `http://127.0.0.1:${Number((await platform.orders.waitForLog((l) => l['msg'] === 'metrics listening'))['metrics_port'])}/metrics`;
    const gatewayMetrics = `${platform.baseUrl}/metrics`;
    const route = { method: 'GET', route: '/products/{id}', status_code: '200' };
    const missing = { ...route, status_code: '404' };
    const getProduct = { grpc_service: 'ecommerce.product.v1.ProductService', grpc_method: 'GetProduct', grpc_code: 'OK' };
    const notFound = { ...getProduct, grpc_code: 'NOT_FOUND' };
    const getOrder = { grpc_service: 'ecommerce.order.v1.OrderService', grpc_method: 'GetOrder', grpc_code: 'NOT_FOUND' };
    const read = async () => {
      const [gateway, products, orders] = await Promise.all([scrape(gatewayMetrics), scrape(productMetrics), scrape(orderMetrics)]);
      return {
        httpOk: sampleValue(gateway, 'http_server_request_duration_seconds_count', route),
        http404: sampleValue(gateway, 'http_server_request_duration_seconds_count', missing),
        clientOk: sampleValue(gateway, 'grpc_client_handling_seconds_count', getProduct),
        clientNotFound: sampleValue(gateway, 'grpc_client_handling_seconds_count', notFound),
        serverOk: sampleValue(products, 'grpc_server_handling_seconds_count', getProduct),
        serverNotFound: sampleValue(products, 'grpc_server_handling_seconds_count', notFound),
        orderNotFound: sampleValue(orders, 'grpc_server_handling_seconds_count', getOrder),
        gateway,
        products,
      };
    };
    const created = await api.post<{ id: string }>('/products', HEADPHONES);
    const before = await read();
    for (let i = 0; i < 3; i += 1) assert.equal((await api.get(`/products/${created.body.id}`)).status, 200);
    const unknown = randomUUID();
    assert.equal((await api.get(`/products/${unknown}`)).status, 404);
    assert.equal((await api.get(`/orders/${randomUUID()}`)).status, 404);
    const later = await read();
    assert.deepEqual(
      [later.httpOk - before.httpOk, later.http404 - before.http404, later.clientOk - before.clientOk, later.clientNotFound - before.clientNotFound,
        later.serverOk - before.serverOk, later.serverNotFound - before.serverNotFound, later.orderNotFound - before.orderNotFound],
      [3, 1, 3, 1, 3, 1, 1],
    );
    assert.ok(!later.gateway.includes(unknown) && !later.gateway.includes(created.body.id), 'routes are templates, never raw paths');
    for (const text of [later.gateway, later.products]) {
      assert.match(text, /^process_cpu_seconds_total \d/m);
      assert.match(text, /^# TYPE http_server_request_duration_seconds histogram$|^# TYPE grpc_server_handling_seconds histogram$/m);
    }
    assert.equal((await api.call('POST', '/metrics')).status, 405);
  });

  test('reflection on the real services lists each one\'s own service and health', async () => {
    assert.deepEqual(await listServicesByReflection(platform.productAddr), ['ecommerce.product.v1.ProductService', 'grpc.health.v1.Health']);
    assert.deepEqual(await listServicesByReflection(platform.orderAddr), ['ecommerce.order.v1.OrderService', 'grpc.health.v1.Health']);
  });
});
