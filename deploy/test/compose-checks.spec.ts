import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { checkCompose, checkComposeCompatibility } from './compose-checks.js';
import { readCompose } from './compose-file.js';
import { composeConfigQuiet } from './docker-compose-cli.js';
import { mutate, workspaceFile } from './workspace-files.js';

const COMPOSE = workspaceFile('docker-compose.yml');
const DOCKERFILE = workspaceFile('Dockerfile');
const scratch = mkdtempSync(join(tmpdir(), 'deploy-compose-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** `docker-compose config -q` on a (mutated) copy outside the tree; build contexts still resolve to the workspace. */
function configQuiet(text: string): ReturnType<typeof composeConfigQuiet> {
  const file = join(scratch, `docker-compose.${++copies}.yml`);
  writeFileSync(file, text);
  return composeConfigQuiet(file, WORKSPACE_ROOT);
}

/** Checks the file as written, once docker-compose has accepted it (so the mutation is valid compose). */
function problemsOf(text: string, dockerfile = DOCKERFILE): string[] {
  const result = configQuiet(text);
  assert.equal(result.status, 0, `docker-compose config rejected the file:\n${result.stderr}`);
  return checkCompose(readCompose(text), dockerfile).sort();
}

const unhealthy = (waiter: string, dependency: string) => `${waiter} waits for ${dependency} to be healthy, but ${dependency} ` +
  'has no healthcheck (none in its image target, or disabled in compose)';
const PRODUCT_BUILD = '    build:\n      context: .\n      target: product-service\n';

test('docker-compose config -q accepts the real docker-compose.yml', () => {
  const result = composeConfigQuiet(join(WORKSPACE_ROOT, 'docker-compose.yml'), WORKSPACE_ROOT);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
});

test('the real docker-compose.yml keeps every invariant and uses nothing docker-compose 1.29 lacks', () => {
  assert.deepEqual(problemsOf(COMPOSE), []);
  assert.deepEqual(checkComposeCompatibility(COMPOSE), []);
});

describe('mutations docker-compose config -q itself rejects', () => {
  test('the database volume used but no longer declared', () => {
    const result = configQuiet(mutate(COMPOSE, '      - postgres-data:/var/lib/postgresql/data\n', '      - pg-data:/var/lib/postgresql/data\n'));
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /pg-data/);
  });

  test('depends_on naming a service that does not exist', () => {
    const result = configQuiet(mutate(COMPOSE, '    depends_on:\n      product-service:', '    depends_on:\n      product-servce:'));
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /product-servce/);
  });
});

/** What breaks, the edits of the real file, and exactly the problems that must be reported. */
const MUTATIONS: [string, [string | RegExp, string][], string[]][] = [
  ['healthcheck disabled on product-service, which order-service and the gateway wait for',
    [[PRODUCT_BUILD, `${PRODUCT_BUILD}    healthcheck:\n      disable: true\n`]],
    [unhealthy('api-gateway', 'product-service'), unhealthy('order-service', 'product-service')]],
  ['start order no longer waiting for health (short depends_on form)',
    [['    depends_on:\n      postgres:\n        condition: service_healthy\n      product-service:\n        condition: service_healthy\n\n',
      '    depends_on:\n      - postgres\n      - product-service\n\n']],
    ['order-service: must wait for postgres with depends_on condition: service_healthy',
      'order-service: must wait for product-service with depends_on condition: service_healthy']],
  ['product-service started before PostgreSQL is healthy', [['    depends_on:\n      postgres:\n        condition: service_healthy\n\n', '\n']],
    ['product-service: must wait for postgres with depends_on condition: service_healthy']],
  ['PostgreSQL without its healthcheck, which both services wait for', [[/\n {4}healthcheck:\n {6}test: \["CMD", "pg_isready"[^\n]*(\n {6}[^\n]*)*/, '']],
    [unhealthy('order-service', 'postgres'), unhealthy('product-service', 'postgres')]],
  ['order-service built from the wrong target, the gateway from another context',
    [['      target: order-service\n', '      target: product-service\n'], ['context: .\n      target: api-gateway', 'context: ./deploy\n      target: api-gateway']],
    ['api-gateway: build.context must be the workspace root (.)', 'order-service: must build the Dockerfile target "order-service" (build.target)']],
  ['order-service told to listen on another port than the pinned one', [['ORDER_SERVICE_PORT: "50052"', 'ORDER_SERVICE_PORT: "50053"']],
    ['order-service: ORDER_SERVICE_PORT must be 50052']],
  ['order-service bound to loopback inside its container', [['ORDER_SERVICE_HOST: 0.0.0.0', 'ORDER_SERVICE_HOST: 127.0.0.1']],
    ['order-service: ORDER_SERVICE_HOST must be 0.0.0.0']],
  ['gateway dialling product-service on its own loopback',
    [[/(GATEWAY_PORT[\s\S]*?)PRODUCT_SERVICE_ADDR: dns:\/\/\/product-service:50051/, '$1PRODUCT_SERVICE_ADDR: 127.0.0.1:50051']],
    ['api-gateway: PRODUCT_SERVICE_ADDR is "127.0.0.1:50051", must be dns:///product-service:50051 (the compose service)']],
  ['order-service dialling one product-service replica (host:port, no dns:/// round-robin)',
    [[/(ORDER_SERVICE_PORT[\s\S]*?)PRODUCT_SERVICE_ADDR: dns:\/\/\/product-service:50051/, '$1PRODUCT_SERVICE_ADDR: product-service:50051']],
    ['order-service: PRODUCT_SERVICE_ADDR is "product-service:50051", must be dns:///product-service:50051 (the compose service)']],
  ['a variable of the README table missing', [[/\n\s+GRPC_TIMEOUT_MS: [^\n]*/, '']], ['api-gateway: environment does not set GRPC_TIMEOUT_MS']],
  ['orders back in the embedded SQLite file (no database URL)', [[/ORDER_DATABASE_URL: [^\n]*/, 'ORDER_DATABASE_URL: ""']],
    ['order-service: ORDER_DATABASE_URL must be postgres://<user>:<password>@postgres:5432/<database> (the compose PostgreSQL)']],
  ['both services in one database', [['@postgres:5432/orders', '@postgres:5432/products']],
    ['order-service: shares database "products" with product-service; each service owns its own']],
  ['PostgreSQL data left in the container (volume mount removed)', [['      - postgres-data:/var/lib/postgresql/data\n', '']],
    ['postgres: /var/lib/postgresql/data is not on a declared named volume: the databases would be lost with the container']],
  ['gateway published on another host port', [['"8000:8000"', '"8080:8000"']], ['api-gateway: does not publish host port 8000 -> 8000']],
  ['two gateways on the one host port', [['      replicas: 1\n', '      replicas: 2\n']],
    ['api-gateway: runs 2 replicas but publishes host port 8000: a second container would clash on it']],
  ['product-service replicas given a host port', [['      replicas: ${PRODUCT_SERVICE_REPLICAS:-2}\n', '      replicas: ${PRODUCT_SERVICE_REPLICAS:-2}\n    ports:\n      - "127.0.0.1:50051:50051"\n']],
    ['product-service: runs ${PRODUCT_SERVICE_REPLICAS:-2} replicas but publishes a host port: a second container would clash on it']],
  ['PostgreSQL published on every host interface', [['    image: postgres:16-alpine\n', '    image: postgres:16-alpine\n    ports:\n      - "5432:5432"\n']],
    ["postgres: publishes 5432 beyond the host's loopback (use 127.0.0.1:)"]],
  ['stop grace no longer than the draining stop (5 s grace + 10 s for calls in flight)', [['  stop_grace_period: 20s\n', '  stop_grace_period: 15s\n']],
    [
      'api-gateway: stop_grace_period must be longer than the draining stop (15 s: SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS), or compose kills it mid-drain',
      'order-service: stop_grace_period must be longer than the draining stop (15 s: SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS), or compose kills it mid-drain',
      'product-service: stop_grace_period must be longer than the draining stop (15 s: SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS), or compose kills it mid-drain',
    ]],
  ['restart policy removed from the shared service settings', [['  restart: unless-stopped\n', '']],
    ['api-gateway: has no restart policy', 'order-service: has no restart policy', 'product-service: has no restart policy']],
];

describe('mutations that docker-compose accepts but would not run as intended', () => {
  for (const [what, edits, expected] of MUTATIONS) {
    test(what, () => {
      assert.deepEqual(problemsOf(edits.reduce((text, [search, replacement]) => mutate(text, search, replacement), COMPOSE)), expected);
    });
  }

  test('HEALTHCHECK removed from the order-service image (the compose file unchanged)', () => {
    const dockerfile = mutate(DOCKERFILE, /HEALTHCHECK [^\n]*\\\n[^\n]*ORDER_SERVICE_PORT[^\n]*\n/, '');
    assert.deepEqual(problemsOf(COMPOSE, dockerfile), [unhealthy('api-gateway', 'order-service')]);
  });
});

test('features current Compose accepts but docker-compose 1.29 rejects are flagged whichever binary runs', () => {
  let text = mutate(`name: ecommerce\nversion: "3.8"\n${COMPOSE}`, PRODUCT_BUILD,
    `${PRODUCT_BUILD}    healthcheck:\n      start_interval: 1s\n    develop:\n      watch: []\n`);
  text = mutate(text, '        condition: service_healthy\n', '        condition: service_healthy\n        restart: true\n        required: true\n');
  assert.deepEqual(checkComposeCompatibility(text), [
    'top-level name: is not supported by docker-compose 1.29',
    'top-level version: is obsolete in current Docker Compose; leave it out',
    'product-service: develop is not supported by docker-compose 1.29',
    'product-service: healthcheck start_interval is not supported by docker-compose 1.29',
    'product-service: depends_on.postgres.restart is not supported by docker-compose 1.29',
    'product-service: depends_on.postgres.required is not supported by docker-compose 1.29',
  ]);
});
