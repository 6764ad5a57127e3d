import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import pino from 'pino';
import { ProductServiceService, loadProtoDefinition } from '@ecommerce/contracts';
import { listServicesByReflection, makeTestCertificates, type TestCertificates } from '@ecommerce/testing';
import { callUnary, createChannel, createHealthClient } from './client.js';
import { implement } from './handler.js';
import { startGrpcServer, type RunningServer } from './server.js';
import { clientCredentials, serverCredentials } from './tls.js';

const logger = pino({ level: 'silent' });

/** "SERVING", or the name of the status code the health check failed with. */
async function health(address: string, credentials: ChannelCredentials): Promise<string> {
  const channel = createChannel(address, credentials);
  const client = createHealthClient(channel, address);
  const check = (client as unknown as { check: Parameters<typeof callUnary>[0] }).check.bind(client);
  try {
    return ((await callUnary(check, { service: '' }, { timeoutMs: 3000 })) as { status: string }).status;
  } catch (error) {
    return status[(error as ServiceError).code] ?? 'UNKNOWN';
  } finally {
    client.close();
    channel.close();
  }
}

async function serve(env: NodeJS.ProcessEnv): Promise<{ running: RunningServer; address: string }> {
  const running = await startGrpcServer({
    host: '127.0.0.1', port: 0, logger, credentials: serverCredentials(env), reflection: loadProtoDefinition(),
    services: [{ name: 'ecommerce.product.v1.ProductService', definition: ProductServiceService, implementation: implement({} as never, { logger, domain: 'test' }) }],
  });
  return { running, address: `127.0.0.1:${running.port}` };
}

describe('gRPC over TLS and mutual TLS (certificates made for this run)', () => {
  let certs: TestCertificates;
  before(() => (certs = makeTestCertificates()));
  after(() => certs?.cleanup());

  test('TLS: a client trusting the CA is served; a plaintext client is refused', async () => {
    const { running, address } = await serve({ GRPC_SERVER_TLS_CERT: certs.server.cert, GRPC_SERVER_TLS_KEY: certs.server.key });
    try {
      const tls = clientCredentials({ GRPC_CLIENT_TLS_CA: certs.ca });
      assert.equal(tls.mode, 'tls');
      assert.equal(await health(address, tls.credentials), 'SERVING');
      assert.equal(await health(address, clientCredentials({}).credentials), 'UNAVAILABLE');
      assert.equal(await health(address, clientCredentials({ GRPC_CLIENT_TLS_CA: certs.stranger.cert }).credentials), 'UNAVAILABLE',
        'a client that does not trust the server\'s CA does not talk to it');
    } finally {
      await running.stop();
    }
  });

  test('mutual TLS: a client certificate from the CA is served; none, a stranger\'s, or plaintext is refused', async () => {
    const env = { GRPC_SERVER_TLS_CERT: certs.server.cert, GRPC_SERVER_TLS_KEY: certs.server.key, GRPC_SERVER_TLS_CLIENT_CA: certs.ca };
    assert.equal(serverCredentials(env).mode, 'mtls');
    const { running, address } = await serve(env);
    try {
      const mutual = clientCredentials({ GRPC_CLIENT_TLS_CA: certs.ca, GRPC_CLIENT_TLS_CERT: certs.client.cert, GRPC_CLIENT_TLS_KEY: certs.client.key });
      assert.equal(mutual.mode, 'mtls');
      assert.equal(await health(address, mutual.credentials), 'SERVING');
      const stranger = clientCredentials({ GRPC_CLIENT_TLS_CA: certs.ca, GRPC_CLIENT_TLS_CERT: certs.stranger.cert, GRPC_CLIENT_TLS_KEY: certs.stranger.key });
      assert.equal(await health(address, stranger.credentials), 'UNAVAILABLE');
      assert.equal(await health(address, clientCredentials({ GRPC_CLIENT_TLS_CA: certs.ca }).credentials), 'UNAVAILABLE');
      assert.equal(await health(address, clientCredentials({}).credentials), 'UNAVAILABLE');
      // Reflection answers over the same credentials.
      assert.deepEqual(await listServicesByReflection(address, mutual.credentials), ['ecommerce.product.v1.ProductService', 'grpc.health.v1.Health']);
    } finally {
      await running.stop();
    }
  });

  test('partial or unreadable settings stop start-up naming the variable', () => {
    assert.throws(() => serverCredentials({ GRPC_SERVER_TLS_CERT: certs.server.cert }), /GRPC_SERVER_TLS_CERT and GRPC_SERVER_TLS_KEY must be set together/);
    assert.throws(() => serverCredentials({ GRPC_SERVER_TLS_CLIENT_CA: certs.ca }), /GRPC_SERVER_TLS_CLIENT_CA needs GRPC_SERVER_TLS_CERT/);
    assert.throws(() => clientCredentials({ GRPC_CLIENT_TLS_CERT: certs.client.cert, GRPC_CLIENT_TLS_KEY: certs.client.key }), /need GRPC_CLIENT_TLS_CA/);
    assert.throws(() => clientCredentials({ GRPC_CLIENT_TLS_CA: '/nonexistent/ca.pem' }), /GRPC_CLIENT_TLS_CA names a file that cannot be read/);
    assert.equal(serverCredentials({}).mode, 'plaintext');
  });
});
