import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { GrpcMetrics } from './grpc-metrics.js';
import { HttpMetrics } from './http-metrics.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { startMetricsServer } from './metrics-server.js';

test('the metrics server answers GET /metrics in the Prometheus text format, counting what was observed', async () => {
  const registry = createMetricsRegistry();
  const grpc = new GrpcMetrics(registry, 'server');
  grpc.observe('/ecommerce.product.v1.ProductService/GetProduct', 'OK', 0.002);
  grpc.observe('/ecommerce.product.v1.ProductService/GetProduct', 'OK', 0.003);
  grpc.observe('/ecommerce.product.v1.ProductService/GetProduct', 'NOT_FOUND', 0.001);
  new HttpMetrics(registry).observe('GET', '/products/{id}', 200, 0.004);
  const server = await startMetricsServer({ registry, host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }) });
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^grpc_server_handling_seconds_count\{grpc_service="ecommerce\.product\.v1\.ProductService",grpc_method="GetProduct",grpc_code="OK"\} 2$/m);
    assert.match(text, /^grpc_server_handling_seconds_count\{[^}]*grpc_code="NOT_FOUND"\} 1$/m);
    assert.match(text, /^http_server_request_duration_seconds_count\{method="GET",route="\/products\/\{id\}",status_code="200"\} 1$/m);
    assert.match(text, /^process_cpu_seconds_total /m);
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/other`)).status, 404);
  } finally {
    await server.close();
  }
});

test('the metrics server refuses to start on a port already taken (the service then fails to start, naming it)', async () => {
  const logger = pino({ level: 'silent' });
  const first = await startMetricsServer({ registry: createMetricsRegistry(), host: '127.0.0.1', port: 0, logger });
  try {
    await assert.rejects(startMetricsServer({ registry: createMetricsRegistry(), host: '127.0.0.1', port: first.port, logger }),
      (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
  } finally {
    await first.close();
  }
});
