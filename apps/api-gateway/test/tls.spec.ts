import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentials, makeGenericClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { service as healthService } from 'grpc-health-check';
import { httpClient, listServicesByReflection, makeTestCertificates, startPlatform, type HttpClient, type Platform, type TestCertificates } from '@ecommerce/testing';
import { HEADPHONES } from './gateway.js';

const HealthClient = makeGenericClientConstructor(healthService, 'Health');

/** "SERVING", or the name of the code a health check at `address` failed with. */
function health(address: string, channelCredentials = credentials.createInsecure()): Promise<string> {
  const client = new HealthClient(address, channelCredentials);
  return new Promise((resolve) => {
    client['check']?.({ service: '' }, { deadline: Date.now() + 3000 }, (error: ServiceError | null, response: { status: string }) => {
      client.close();
      resolve(error ? status[error.code] ?? 'UNKNOWN' : response.status);
    });
  });
}

// The whole platform with mutual TLS on both hops (gateway -> services, order-service ->
// product-service): the REST API works as before; a plaintext client or one with a certificate
// the platform's CA did not issue gets nothing from the services.
describe('the platform over mutual TLS', { timeout: 120_000 }, () => {
  let certs: TestCertificates;
  let platform: Platform;
  let api: HttpClient;

  before(async () => {
    certs = makeTestCertificates();
    platform = await startPlatform({
      env: {
        GRPC_SERVER_TLS_CERT: certs.server.cert,
        GRPC_SERVER_TLS_KEY: certs.server.key,
        GRPC_SERVER_TLS_CLIENT_CA: certs.ca,
        GRPC_CLIENT_TLS_CA: certs.ca,
        GRPC_CLIENT_TLS_CERT: certs.client.cert,
        GRPC_CLIENT_TLS_KEY: certs.client.key,
      },
    });
    api = httpClient(platform.baseUrl);
  });
  after(async () => {
    await platform?.stop();
    certs?.cleanup();
  });

  test('each process says it runs mutual TLS; readiness (health over TLS) is 200; a product and an order are made', async () => {
    for (const app of [platform.products, platform.orders]) assert.equal((await app.waitForLog((line) => line['msg'] === 'listening'))['tls'], 'mtls');
    assert.equal((await platform.gateway.waitForLog((line) => line['msg'] === 'upstreams configured'))['tls'], 'mtls');
    assert.equal((await api.get('/readyz')).status, 200);
    const product = await api.post<{ id: string }>('/products', { ...HEADPHONES, stock: 3 });
    assert.equal(product.status, 201);
    const order = await api.post<{ status: string }>('/orders', { product_id: product.body.id, quantity: 2 });
    assert.deepEqual([order.status, order.body.status], [201, 'CONFIRMED']);
  });

  test('the services refuse a plaintext client and a client certificate from another CA; the right one is served', async () => {
    const trusted = credentials.createSsl(readFileSync(certs.ca), readFileSync(certs.client.key), readFileSync(certs.client.cert));
    const stranger = credentials.createSsl(readFileSync(certs.ca), readFileSync(certs.stranger.key), readFileSync(certs.stranger.cert));
    for (const address of [platform.productAddr, platform.orderAddr]) {
      assert.equal(await health(address), 'UNAVAILABLE', `${address} plaintext`);
      assert.equal(await health(address, stranger), 'UNAVAILABLE', `${address} stranger's certificate`);
      assert.equal(await health(address, trusted), 'SERVING', `${address} the platform's client certificate`);
    }
    assert.deepEqual(await listServicesByReflection(platform.productAddr, trusted), ['ecommerce.product.v1.ProductService', 'grpc.health.v1.Health']);
  });
});
