import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import { WORKSPACE_ROOT, tempDataDir } from '@ecommerce/testing';

const COMMITTED = join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json');

interface Operation {
  summary?: string;
  description?: string;
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}

test('the committed openapi.json is what the controllers generate (else run `npx nx run api-gateway:update-spec`)', () => {
  const scratch = tempDataDir('api-gateway-spec-');
  try {
    const fresh = join(scratch.dir, 'openapi.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api-gateway/scripts/generate-api.ts', '--spec-only', fresh], {
      env: { ...process.env, TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const expected = readFileSync(fresh, 'utf8');
    const stale = 'apps/api-gateway/openapi.json is stale: run `npx nx run api-gateway:update-spec` and commit the result';
    assert.equal(readFileSync(COMMITTED, 'utf8'), expected, stale);
  } finally {
    scratch.cleanup();
  }
});

test('every operation is documented and declares its errors as application/problem+json', () => {
  const spec = JSON.parse(readFileSync(COMMITTED, 'utf8')) as { servers: unknown; paths: Record<string, Record<string, Operation>> };
  assert.deepEqual(spec.servers, [{ url: '/' }]);
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
  assert.deepEqual(operations.map((o) => o.name).sort(), [
    'DELETE /products/{id}', 'GET /health', 'GET /healthz', 'GET /orders', 'GET /orders/{id}', 'GET /products', 'GET /products/{id}',
    'GET /products/{id}/stock', 'GET /readyz', 'PATCH /products/{id}', 'POST /orders', 'POST /orders/{id}/cancel', 'POST /products',
    'PUT /products/{id}/stock',
  ]);
  for (const { name, operation } of operations) {
    assert.ok(operation.summary && operation.description, `${name} has a summary and a description`);
    const api = !/health|readyz/.test(name);
    for (const [code, response] of Object.entries(operation.responses)) {
      assert.ok(response.description.length > 3, `${name} ${code} is described`);
      if (api && Number(code) >= 400) {
        assert.deepEqual(Object.keys(response.content ?? {}), ['application/problem+json'], `${name} ${code}`);
        assert.equal(response.content?.['application/problem+json']?.schema?.$ref, '#/components/schemas/ProblemDetails');
      }
    }
    if (api) {
      const codes = Object.keys(operation.responses);
      for (const code of ['400', '500', '503', '504']) assert.ok(codes.includes(code), `${name} declares ${code}`);
      if (name === 'POST /products' || name === 'POST /orders') assert.ok(codes.includes('201') && codes.includes('413'), `${name} declares 201 and 413`);
      if (name.includes('{id}') || name === 'POST /orders') assert.ok(codes.includes('404'), `${name} declares 404`);
      if (/^(PATCH|DELETE|PUT) /.test(name)) assert.ok(codes.includes('412'), `${name} declares 412 (If-Match)`);
      if (/^GET \/products\/\{id\}/.test(name)) assert.ok(codes.includes('304'), `${name} declares 304 (If-None-Match)`);
    }
  }
});

test('the spec says what the server enforces: 503 with Retry-After, prices above 0, ids as UUIDs, 415 only where a body is taken', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec as JSON
  const spec = JSON.parse(readFileSync(COMMITTED, 'utf8')) as any;
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Operation & { parameters?: unknown[]; requestBody?: unknown }>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      const unavailable = operation.responses['503'] as { headers?: Record<string, unknown> } | undefined;
      if (unavailable) assert.ok(unavailable.headers?.['Retry-After'], `${name} 503 declares Retry-After`);
      assert.equal('415' in operation.responses, operation.requestBody !== undefined, `${name}: 415 exactly when it takes a body`);
      for (const parameter of (operation.parameters ?? []) as { in?: string; name?: string; schema?: { format?: string } }[]) {
        if (parameter.in === 'path') assert.equal(parameter.schema?.format, 'uuid', `${name}: path parameter ${parameter.name} is a UUID`);
      }
    }
  }
  for (const schema of ['CreateProductRequest', 'UpdateProductRequest']) {
    const price = spec.components.schemas[schema].properties.price;
    assert.deepEqual([price.minimum, price.exclusiveMinimum], [0, true], `${schema}.price is greater than 0`);
  }
});

test('Redocly\'s recommended rules find no error, and security-defined nothing at all', async () => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lint({ ref: COMMITTED, config });
  const describe = (p: (typeof problems)[number]) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
  assert.deepEqual(problems.filter((p) => p.ruleId === 'security-defined').map(describe), []);
  assert.deepEqual(problems.filter((p) => p.severity === 'error').map(describe), []);
});

test('the spec says who may call what: the bearer scheme, the scope per write and order read, security: [] on public operations', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec as JSON
  const spec = JSON.parse(readFileSync(COMMITTED, 'utf8')) as any;
  assert.deepEqual(Object.keys(spec.components.securitySchemes), ['bearer']);
  assert.deepEqual([spec.components.securitySchemes.bearer.type, spec.components.securitySchemes.bearer.scheme], ['http', 'bearer']);
  const scopes: Record<string, string | undefined> = {
    'POST /products': 'products:write', 'PATCH /products/{id}': 'products:write', 'DELETE /products/{id}': 'products:write',
    'PUT /products/{id}/stock': 'products:write', 'POST /orders': 'orders:write', 'POST /orders/{id}/cancel': 'orders:write',
    'GET /orders': 'orders:read', 'GET /orders/{id}': 'orders:read',
  };
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Operation & { security?: unknown }>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      const scope = scopes[name];
      const probe = ['/healthz', '/readyz', '/health'].includes(path);
      assert.deepEqual(operation.security, scope ? [{ bearer: [] }] : [], name);
      assert.equal('401' in operation.responses && '403' in operation.responses, scope !== undefined, `${name} declares 401 and 403 exactly when it needs a key`);
      if (scope) {
        assert.ok(operation.description?.endsWith(`Needs an API key with the scope \`${scope}\`.`), name);
        const headers = (operation.responses['401'] as { headers?: Record<string, unknown> }).headers ?? {};
        assert.ok(headers['WWW-Authenticate'], `${name} 401 declares WWW-Authenticate`);
      }
      assert.equal('429' in operation.responses, !probe, `${name}: 429 unless a probe`);
      const limited = (operation.responses['429'] as { headers?: Record<string, unknown> } | undefined)?.headers ?? {};
      if (!probe) for (const header of ['Retry-After', 'RateLimit', 'RateLimit-Policy']) assert.ok(limited[header], `${name} 429 declares ${header}`);
    }
  }
});
