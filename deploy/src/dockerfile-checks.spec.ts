import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDockerfile, checkDockerignore } from './dockerfile-checks.js';
import { mutate, workspaceFile } from './workspace-files.js';

const DOCKERFILE = workspaceFile('Dockerfile');
const DOCKERIGNORE = workspaceFile('.dockerignore');

/** Asserts that the checker reports exactly one problem per listed app, each matching `pattern`. */
function assertCaught(problems: string[], apps: string[], pattern: RegExp): void {
  assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [...apps].sort(), problems.join('\n'));
  for (const problem of problems) assert.match(problem, pattern);
}

test('the real Dockerfile keeps every invariant for all three app targets', () => {
  assert.deepEqual(checkDockerfile(DOCKERFILE), []);
});

test('the real .dockerignore keeps host node_modules, output, data, .git and .env out of the context', () => {
  assert.deepEqual(checkDockerignore(DOCKERIGNORE), []);
});

describe('mutated copies of the real Dockerfile are rejected', () => {
  const ALL = ['product-service', 'order-service', 'api-gateway'];

  test('non-root user removed: every app would run as root', () => {
    assertCaught(checkDockerfile(mutate(DOCKERFILE, /^USER .*\n/m, '')), ALL, /runs as root: no USER/);
  });

  test('USER root added to one app stage', () => {
    const text = mutate(DOCKERFILE, 'EXPOSE 8000\n', 'EXPOSE 8000\nUSER root\n');
    assertCaught(checkDockerfile(text), ['api-gateway'], /runs as root: USER root \(line \d+\)/);
  });

  test('HEALTHCHECK removed from order-service (the gateway waits for it)', () => {
    const text = mutate(DOCKERFILE, /HEALTHCHECK [^\n]*\\\n[^\n]*ORDER_SERVICE_PORT[^\n]*\n/, '');
    assertCaught(checkDockerfile(text), ['order-service'], /has no HEALTHCHECK/);
  });

  test('HEALTHCHECK NONE in product-service', () => {
    const text = mutate(DOCKERFILE, /HEALTHCHECK [^\n]*\\\n[^\n]*PRODUCT_SERVICE_PORT[^\n]*\n/, 'HEALTHCHECK NONE\n');
    assertCaught(checkDockerfile(text), ['product-service'], /disables its health check/);
  });

  test('gateway probing liveness (/healthz) instead of readiness (/readyz)', () => {
    const text = mutate(DOCKERFILE, '/readyz"', '/healthz"');
    assertCaught(checkDockerfile(text), ['api-gateway'], /does not ask GET \/readyz/);
  });

  test('order-service HEALTHCHECK copy-pasted with product-service\'s port', () => {
    const text = mutate(DOCKERFILE, '"127.0.0.1:${ORDER_SERVICE_PORT}"', '"127.0.0.1:${PRODUCT_SERVICE_PORT}"');
    assertCaught(checkDockerfile(text), ['order-service'], /does not probe the app's port \(ORDER_SERVICE_PORT\)/);
  });

  test('prod-deps stage installing devDependencies (npm ci without --omit=dev)', () => {
    const text = mutate(DOCKERFILE, 'npm ci --omit=dev --workspaces=false', 'npm ci --workspaces=false');
    assertCaught(checkDockerfile(text), ALL, /copies \/app\/node_modules from stage "prod-deps", which installed devDependencies/);
  });

  test("runtime taking the builder's node_modules", () => {
    const text = mutate(DOCKERFILE, 'COPY --from=prod-deps /app/node_modules ./node_modules', 'COPY --from=build /workspace/node_modules ./node_modules');
    assertCaught(checkDockerfile(text), ALL, /copies \/workspace\/node_modules from stage "build"/);
  });

  test("an app copying the builder's whole workspace instead of its dist/ folder", () => {
    const text = mutate(DOCKERFILE, 'COPY --from=build /workspace/dist/apps/order-service ./dist', 'COPY --from=build /workspace ./');
    assertCaught(checkDockerfile(text), ['order-service'], /copies \/workspace from stage "build"/);
  });

  test('runtime installing its own dependencies: accepted only when dev dependencies are omitted', () => {
    const install = (run: string) =>
      mutate(DOCKERFILE, 'COPY --from=prod-deps /app/node_modules ./node_modules', `COPY package.json package-lock.json ./\n${run}`);
    assert.deepEqual(checkDockerfile(install('RUN npm ci --omit=dev')), []);
    // npm omits dev by default under NODE_ENV=production, which the runtime stage sets...
    assert.deepEqual(checkDockerfile(install('RUN npm ci')), []);
    // ...unless told otherwise, or when that ENV goes.
    assertCaught(checkDockerfile(install('RUN npm ci --include=dev')), ALL, /installs devDependencies \(line \d+\)/);
    const withoutNodeEnv = mutate(install('RUN npm ci'), 'ENV NODE_ENV=production\n', '');
    assertCaught(checkDockerfile(withoutNodeEnv), ALL, /installs devDependencies \(line \d+\)/);
  });

  test('the whole build context copied into the runtime image', () => {
    const text = mutate(DOCKERFILE, 'COPY deploy/probes ./probes', 'COPY . .');
    assertCaught(checkDockerfile(text), ALL, /copies the whole build context/);
  });

  test('probe scripts no longer copied: every HEALTHCHECK would fail forever', () => {
    const text = mutate(DOCKERFILE, 'COPY deploy/probes ./probes\n', '');
    assertCaught(checkDockerfile(text), ALL, /runs probes\/(grpc-health|http-ready)\.mjs, but no COPY puts anything at \/app\/probes\//);
  });

  test('bind address left at the 127.0.0.1 default', () => {
    const text = mutate(DOCKERFILE, 'ENV PRODUCT_SERVICE_HOST=0.0.0.0 ', 'ENV ');
    assertCaught(checkDockerfile(text), ['product-service'], /does not set ENV PRODUCT_SERVICE_HOST=0.0.0.0/);
  });

  test('/data no longer created owned by the runtime user (a fresh volume would be root-owned)', () => {
    const text = mutate(DOCKERFILE, 'RUN mkdir -p /data && chown 1000:1000 /data', 'RUN mkdir -p /data');
    assertCaught(checkDockerfile(text), ['product-service', 'order-service'], /does not create DATA_DIR \/data owned by its user 1000/);
  });

  test('a renamed target (compose builds --target order-service)', () => {
    const text = mutate(DOCKERFILE, 'FROM runtime AS order-service', 'FROM runtime AS orders');
    assertCaught(checkDockerfile(text), ['order-service'], /no stage named "order-service"/);
  });
});

describe('mutated copies of the real .dockerignore are rejected', () => {
  test('node_modules excluded only at the root, or not at all', () => {
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, '**/node_modules', 'node_modules')).join('\n'), /node_modules at any depth/);
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, '**/node_modules\n', '')).join('\n'), /node_modules at any depth/);
  });

  test('node_modules re-included by a negation', () => {
    assert.match(checkDockerignore(`${DOCKERIGNORE}\n!sdk/node_modules\n`).join('\n'), /re-includes sdk\/node_modules/);
  });

  test('.env files no longer excluded', () => {
    assert.match(checkDockerignore(mutate(DOCKERIGNORE, /^\.env\n/m, '')).join('\n'), /\.env files/);
  });
});
