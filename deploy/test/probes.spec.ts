import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import {
  WORKSPACE_ROOT, freePorts, makeTestCertificates, startProductService, tempDataDir, type AppProcess, type TestCertificates,
} from '@ecommerce/testing';

const PROBES = join(WORKSPACE_ROOT, 'deploy/probes');

/** Runs a probe as the image's HEALTHCHECK does: a separate node process; resolves its exit. */
function probe(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return probeWith({}, script, ...args);
}

/** probe() with variables added to its environment (the container's settings). */
function probeWith(env: Record<string, string>, script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PROBES, script), ...args], { timeout: 15_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('grpc-health.mjs (HEALTHCHECK of product-service and order-service)', () => {
  const data = tempDataDir('deploy-probe-');
  let service: AppProcess;
  before(async () => (service = await startProductService(data.dir)));
  after(async () => { await service?.stop(); data.cleanup(); });

  test('exit 0 against the real product-service (whole server and its named service)', async () => {
    const whole = await probe('grpc-health.mjs', `127.0.0.1:${service.port}`);
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(whole.stdout, /SERVING/);
    const named = await probe('grpc-health.mjs', `127.0.0.1:${service.port}`, 'ecommerce.product.v1.ProductService');
    assert.equal(named.code, 0, named.stderr);
  });

  test('exit 1 for a service name the server does not know', async () => {
    const result = await probe('grpc-health.mjs', `127.0.0.1:${service.port}`, 'ecommerce.nope.v1.Nope');
    assert.equal(result.code, 1);
  });

  test('exit 1 when the server reports NOT_SERVING (draining on SIGTERM)', async () => {
    const server = new Server();
    new HealthImplementation({ '': 'NOT_SERVING' }).addToServer(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    try {
      const result = await probe('grpc-health.mjs', `127.0.0.1:${port}`);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /\(server\) is NOT_SERVING/);
    } finally {
      server.forceShutdown();
    }
  });

  test('exit 1, quickly, when nothing listens; exit 2 without an address', async () => {
    const refused = await probe('grpc-health.mjs', `127.0.0.1:${(await freePorts(1))[0]}`);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /health check failed/);
    assert.ok(refused.ms < 3000, `took ${refused.ms} ms`);
    assert.equal((await probe('grpc-health.mjs')).code, 2);
  });
});

describe('grpc-health.mjs against a service serving mutual TLS', () => {
  const data = tempDataDir('deploy-probe-tls-');
  let certs: TestCertificates;
  let service: AppProcess;
  let server: Record<string, string>;
  before(async () => {
    certs = makeTestCertificates();
    server = { GRPC_SERVER_TLS_CERT: certs.server.cert, GRPC_SERVER_TLS_KEY: certs.server.key, GRPC_SERVER_TLS_CLIENT_CA: certs.ca };
    service = await startProductService(data.dir, { env: server });
  });
  after(async () => { await service?.stop(); data.cleanup(); certs?.cleanup(); });

  test('exit 0 with the container\'s client certificate; exit 1 without one; exit 2 with no CA to trust', async () => {
    const address = `127.0.0.1:${service.port}`;
    const ok = await probeWith({ ...server, GRPC_CLIENT_TLS_CA: certs.ca, GRPC_CLIENT_TLS_CERT: certs.client.cert, GRPC_CLIENT_TLS_KEY: certs.client.key }, 'grpc-health.mjs', address);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((await probeWith({ ...server, GRPC_CLIENT_TLS_CA: certs.ca }, 'grpc-health.mjs', address)).code, 1);
    const noCa = await probeWith(server, 'grpc-health.mjs', address);
    assert.equal(noCa.code, 2);
    assert.match(noCa.stderr, /set GRPC_CLIENT_TLS_CA/);
  });
});

describe('http-ready.mjs (HEALTHCHECK of the api-gateway)', () => {
  let server: HttpServer;
  let base: string;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/readyz') return response.writeHead(200).end('{"status":"ready"}');
      if (request.url === '/not-ready') return response.writeHead(503).end('{"status":"not ready"}');
      // /hang: never answers, like a wedged process.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => { server.closeAllConnections(); server.close(); });

  test('exit 0 on 200', async () => {
    const result = await probe('http-ready.mjs', `${base}/readyz`);
    assert.equal(result.code, 0, result.stderr);
  });

  test('exit 1 on 503, with the body in the message', async () => {
    const result = await probe('http-ready.mjs', `${base}/not-ready`);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /503 \{"status":"not ready"\}/);
  });

  test('exit 1 within its own 3 s deadline when the server hangs (before HEALTHCHECK --timeout=4s)', async () => {
    const result = await probe('http-ready.mjs', `${base}/hang`);
    assert.equal(result.code, 1);
    assert.ok(result.ms < 4000, `took ${result.ms} ms`);
  });

  test('exit 1 when nothing listens; exit 2 without a URL', async () => {
    const result = await probe('http-ready.mjs', `http://127.0.0.1:${(await freePorts(1))[0]}/readyz`);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /ECONNREFUSED/);
    assert.equal((await probe('http-ready.mjs')).code, 2);
  });
});

test('the probes import only Node built-ins and production dependencies (all the runtime image has)', () => {
  const { dependencies } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const file of readdirSync(PROBES).filter((name) => name.endsWith('.mjs'))) {
    const source = readFileSync(join(PROBES, file), 'utf8');
    for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)) {
      if (!specifier || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      assert.ok(name in dependencies, `${file} imports ${specifier}, which is not a production dependency`);
    }
  }
});
