import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDockerfile } from './dockerfile-checks.js';
import { mutate, workspaceFile } from './workspace-files.js';

const DOCKERFILE = workspaceFile('Dockerfile');
const ALL = ['product-service', 'order-service', 'api-gateway'];

/** Asserts that the checker reports exactly one problem per listed app, each matching `pattern`. */
function assertCaught(problems: string[], apps: string[], pattern: RegExp): void {
  assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [...apps].sort(), problems.join('\n'));
  for (const problem of problems) assert.match(problem, pattern);
}

test('the real Dockerfile keeps every invariant for all three app targets', () => {
  assert.deepEqual(checkDockerfile(DOCKERFILE), []);
});

test('parsed as Docker does: with a `# escape=` directive the file still passes, and is still checked', () => {
  const backticks = `# escape=\`\n${DOCKERFILE.replaceAll(' \\\n', ' `\n')}`;
  assert.ok(backticks.includes('--retries=3 `\n'));
  assert.deepEqual(checkDockerfile(backticks), []);
  assertCaught(checkDockerfile(mutate(backticks, '/readyz"', '/healthz"')), ['api-gateway'], /does not ask GET \/readyz/);
});

/** What breaks, the edit of the real file, the targets that must be flagged, and how. */
const MUTATIONS: [string, string | RegExp, string, string[], RegExp][] = [
  ['non-root user removed: every app would run as root', /^USER .*\n/m, '', ALL, /runs as root: no USER/],
  ['USER root added to one app stage', 'EXPOSE 8000\n', 'EXPOSE 8000\nUSER root\n', ['api-gateway'], /runs as root: USER root \(line \d+\)/],
  ['HEALTHCHECK removed from order-service (the gateway waits for it)',
    /HEALTHCHECK [^\n]*\\\n[^\n]*ORDER_SERVICE_PORT[^\n]*\n/, '', ['order-service'], /has no HEALTHCHECK/],
  ['HEALTHCHECK NONE in product-service', /HEALTHCHECK [^\n]*\\\n[^\n]*PRODUCT_SERVICE_PORT[^\n]*\n/, 'HEALTHCHECK NONE\n',
    ['product-service'], /disables its health check/],
  ['gateway probing liveness (/healthz) instead of readiness (/readyz)', '/readyz"', '/healthz"', ['api-gateway'], /does not ask GET \/readyz/],
  ["order-service HEALTHCHECK copy-pasted with product-service's port", '"127.0.0.1:${ORDER_SERVICE_PORT}"',
    '"127.0.0.1:${PRODUCT_SERVICE_PORT}"', ['order-service'], /does not probe the app's port \(ORDER_SERVICE_PORT\)/],
  ['probe scripts no longer copied: every HEALTHCHECK would fail forever', 'COPY deploy/probes ./probes\n', '', ALL,
    /runs probes\/(grpc-health|http-ready)\.mjs, but no COPY puts anything at \/app\/probes\//],
  ['bind address left at the 127.0.0.1 default', 'ENV PRODUCT_SERVICE_HOST=0.0.0.0 ', 'ENV ', ['product-service'],
    /does not set ENV PRODUCT_SERVICE_HOST=0.0.0.0/],
  ['DATA_DIR no longer set in order-service', 'ORDER_SERVICE_PORT=50052 DATA_DIR=/data', 'ORDER_SERVICE_PORT=50052',
    ['order-service'], /does not set ENV DATA_DIR/],
  ['/data no longer created owned by the runtime user (a fresh volume would be root-owned)', 'RUN mkdir -p /data && chown 1000:1000 /data',
    'RUN mkdir -p /data', ['product-service', 'order-service'], /does not create DATA_DIR \/data owned by its user 1000/],
  ['prod-deps stage installing devDependencies (npm ci without --omit=dev)', 'npm ci --omit=dev --workspaces=false',
    'npm ci --workspaces=false', ALL, /copies \/app\/node_modules from stage "prod-deps", which installed devDependencies/],
  ["runtime taking the builder's node_modules", 'COPY --from=prod-deps /app/node_modules ./node_modules',
    'COPY --from=build /workspace/node_modules ./node_modules', ALL, /copies \/workspace\/node_modules from stage "build"/],
  ["an app copying the builder's whole workspace instead of its dist/ folder", 'COPY --from=build /workspace/dist/apps/order-service ./dist',
    'COPY --from=build /workspace ./', ['order-service'], /copies \/workspace from stage "build"/],
  ['the whole build context copied into the runtime image', 'COPY deploy/probes ./probes', 'COPY . .', ALL, /copies the whole build context/],
  ['a renamed target (compose builds --target order-service)', 'FROM runtime AS order-service', 'FROM runtime AS orders',
    ['order-service'], /no stage named "order-service"/],
];

describe('mutated copies of the real Dockerfile are rejected', () => {
  for (const [what, search, replacement, apps, pattern] of MUTATIONS) {
    test(what, () => assertCaught(checkDockerfile(mutate(DOCKERFILE, search, replacement)), apps, pattern));
  }

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
});
