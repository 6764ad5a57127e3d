import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { ProductServiceService, loadProtoDefinition } from '@ecommerce/contracts';
import { askReflection, listServicesByReflection } from '@ecommerce/testing';
import { implement } from './handler.js';
import { startGrpcServer } from './server.js';

const logger = pino({ level: 'silent' });

async function serve(): Promise<{ running: Awaited<ReturnType<typeof startGrpcServer>>; address: string }> {
  const running = await startGrpcServer({
    host: '127.0.0.1', port: 0, logger, reflection: loadProtoDefinition(),
    services: [{ name: 'ecommerce.product.v1.ProductService', definition: ProductServiceService, implementation: implement({} as never, { logger, domain: 'test' }) }],
  });
  return { running, address: `127.0.0.1:${running.port}` };
}

test('reflection lists the server\'s own services and health, and describes them by symbol', async () => {
  const { running, address } = await serve();
  try {
    assert.deepEqual(await listServicesByReflection(address), ['ecommerce.product.v1.ProductService', 'grpc.health.v1.Health']);
    const described = await askReflection(address, { fileContainingSymbol: 'ecommerce.product.v1.ProductService' });
    const files = described.fileDescriptorResponse?.fileDescriptorProto.map((bytes) => Buffer.from(bytes).toString('latin1')) ?? [];
    const product = files.find((file) => file.includes('ecommerce.product.v1') && file.includes('GetProduct'));
    assert.ok(product, 'the file declaring ProductService is described');
    assert.ok(product.includes('amount_minor'), 'with the field names the protos give');
    assert.ok(files.some((file) => file.includes('google.protobuf') && file.includes('Timestamp')), 'and the files it imports');
  } finally {
    await running.stop();
  }
});
