import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { checkCompose, checkComposeCompatibility } from './compose-checks.js';
import { composeConfig } from './docker-compose-cli.js';
import { WORKSPACE_ROOT, mutate, workspaceFile } from './workspace-files.js';

const COMPOSE = workspaceFile('docker-compose.yml');
const DOCKERFILE = workspaceFile('Dockerfile');
const scratch = mkdtempSync(join(tmpdir(), 'deploy-compose-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** Writes a (mutated) compose file outside the tree; build contexts still resolve to the workspace. */
function writeCompose(text: string): string {
  const file = join(scratch, `docker-compose.${++copies}.yml`);
  writeFileSync(file, text);
  return file;
}

/** Validates with docker-compose, then checks the normalised config it prints. */
function problemsOf(composeText: string, dockerfile = DOCKERFILE): string[] {
  const result = composeConfig(writeCompose(composeText), WORKSPACE_ROOT);
  assert.equal(result.status, 0, `docker-compose config rejected the file:\n${result.stderr}`);
  return checkCompose({ config: parse(result.stdout), dockerfile, projectDirectory: WORKSPACE_ROOT });
}

test('docker-compose config -q accepts the real docker-compose.yml', () => {
  const result = composeConfig(join(WORKSPACE_ROOT, 'docker-compose.yml'), WORKSPACE_ROOT, { quiet: true });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
});

test('the real docker-compose.yml keeps every invariant and uses nothing docker-compose 1.29 lacks', () => {
  assert.deepEqual(problemsOf(COMPOSE), []);
  assert.deepEqual(checkComposeCompatibility(COMPOSE), []);
});

describe('mutations docker-compose config -q itself rejects', () => {
  test('a database volume used but no longer declared', () => {
    const text = mutate(COMPOSE, '  order-data:\n    name: ecommerce-order-data\n', '');
    const result = composeConfig(writeCompose(text), WORKSPACE_ROOT, { quiet: true });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /order-data/);
  });

  test('depends_on naming a service that does not exist', () => {
    const text = mutate(COMPOSE, '    depends_on:\n      product-service:', '    depends_on:\n      product-servce:');
    const result = composeConfig(writeCompose(text), WORKSPACE_ROOT, { quiet: true });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /product-servce/);
  });
});

describe('mutations that docker-compose accepts but would not run as intended', () => {
  test("healthcheck disabled on product-service, which order-service and the gateway wait for", () => {
    const text = mutate(COMPOSE, '    build:\n      context: .\n      target: product-service\n',
      '    build:\n      context: .\n      target: product-service\n    healthcheck:\n      disable: true\n');
    const problems = problemsOf(text);
    assert.deepEqual(problems.sort(), [
      'api-gateway waits for product-service to be healthy, but product-service has no healthcheck (none in its image target, or disabled in compose)',
      'order-service waits for product-service to be healthy, but product-service has no healthcheck (none in its image target, or disabled in compose)',
    ]);
  });

  test("HEALTHCHECK removed from the order-service image (the compose file unchanged)", () => {
    const dockerfile = mutate(DOCKERFILE, /HEALTHCHECK [^\n]*\\\n[^\n]*ORDER_SERVICE_PORT[^\n]*\n/, '');
    assert.deepEqual(problemsOf(COMPOSE, dockerfile), [
      'api-gateway waits for order-service to be healthy, but order-service has no healthcheck (none in its image target, or disabled in compose)',
    ]);
  });

  test('start order no longer waiting for health (short depends_on form)', () => {
    const text = mutate(COMPOSE, '    depends_on:\n      product-service:\n        condition: service_healthy\n\n',
      '    depends_on:\n      - product-service\n\n');
    assert.deepEqual(problemsOf(text), ['order-service: must wait for product-service with depends_on condition: service_healthy']);
  });

  test('order-service bound to loopback inside its container', () => {
    const text = mutate(COMPOSE, 'ORDER_SERVICE_HOST: 0.0.0.0', 'ORDER_SERVICE_HOST: 127.0.0.1');
    assert.deepEqual(problemsOf(text), ['order-service: ORDER_SERVICE_HOST must be 0.0.0.0']);
  });

  test('gateway dialling product-service on its own loopback', () => {
    const text = mutate(COMPOSE, /(GATEWAY_PORT[\s\S]*?)PRODUCT_SERVICE_ADDR: product-service:50051/, '$1PRODUCT_SERVICE_ADDR: 127.0.0.1:50051');
    assert.deepEqual(problemsOf(text), [
      'api-gateway: PRODUCT_SERVICE_ADDR is "127.0.0.1:50051", must be product-service:50051 (the compose service)',
    ]);
  });

  test('a variable of the README table missing', () => {
    const text = mutate(COMPOSE, /\n\s+GRPC_TIMEOUT_MS: [^\n]*/, '');
    assert.deepEqual(problemsOf(text), ['api-gateway: environment does not set GRPC_TIMEOUT_MS']);
  });

  test('order database left in the container (volume mount removed)', () => {
    const text = mutate(COMPOSE, '    volumes:\n      - order-data:/data\n', '');
    assert.deepEqual(problemsOf(text), [
      'order-service: DATA_DIR (/data) is not on a declared named volume: the database would be lost with the container',
    ]);
  });

  test('both databases on one volume', () => {
    const text = mutate(COMPOSE, '      - order-data:/data\n', '      - product-data:/data\n');
    assert.deepEqual(problemsOf(text), ['order-service: shares volume "product-data" with product-service; each database gets its own']);
  });

  test('gateway published on another host port', () => {
    const text = mutate(COMPOSE, '"8000:8000"', '"8080:8000"');
    assert.deepEqual(problemsOf(text), ['api-gateway: does not publish host port 8000 -> 8000']);
  });

  test('restart policy removed from the shared service settings', () => {
    const text = mutate(COMPOSE, '  restart: unless-stopped\n', '');
    assert.deepEqual(problemsOf(text).sort(), [
      'api-gateway: has no restart policy', 'order-service: has no restart policy', 'product-service: has no restart policy',
    ]);
  });
});

describe('features current Compose accepts but docker-compose 1.29 rejects are flagged whichever binary runs', () => {
  test('top-level name:, healthcheck start_interval, develop, depends_on restart', () => {
    let text = `name: ecommerce\n${COMPOSE}`;
    text = mutate(text, '    build:\n      context: .\n      target: product-service\n',
      '    build:\n      context: .\n      target: product-service\n    healthcheck:\n      start_interval: 1s\n    develop:\n      watch: []\n');
    text = mutate(text, '        condition: service_healthy\n', '        condition: service_healthy\n        restart: true\n');
    assert.deepEqual(checkComposeCompatibility(text), [
      'top-level name: is not supported by docker-compose 1.29',
      'product-service: develop is not supported by docker-compose 1.29',
      'product-service: healthcheck start_interval is not supported by docker-compose 1.29',
      'order-service: depends_on.product-service.restart is not supported by docker-compose 1.29',
    ]);
  });
});
