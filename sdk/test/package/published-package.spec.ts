// The published artifact is what gets tested: the release flow's publish step (`changeset publish`)
// publishes the built SDK to a real registry (Verdaccio on loopback), a fresh consumer project outside
// the repo installs it from there (its @ecommerce scope pointed at that registry, everything else
// from the usual one), strict tsc compiles consumers against it, publint and attw lint the tarball
// the registry serves, and the consumers load it through `import` and `require` and drive the live,
// built platform. Run through `nx run sdk:test-package`, which builds the SDK and the three apps first.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPlatform, type Platform } from '@ecommerce/testing';
import { quickInfoAt } from './quick-info.js';
import { startRegistry, type Registry } from './registry.js';
import { bundle, CLIENT_MARKERS } from './tree-shaking.js';

const workspaceRoot = resolve(__dirname, '../../..');
const sdkRoot = join(workspaceRoot, 'sdk');
const bin = (pkg: string, file: string) => join(workspaceRoot, 'node_modules', pkg, file);
const TSC = bin('typescript', 'bin/tsc');
const PUBLINT = bin('publint', 'src/cli.js');
const ATTW = bin('@arethetypeswrong/cli', 'dist/index.js');
const CHANGESET = bin('@changesets/cli', 'bin.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The fetch implementations the consumer compiles against, at the versions the workspace pins. */
const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const FETCH_PACKAGES = ['undici', 'node-fetch'].map((name) => `${name}@${rootManifest.devDependencies[name] ?? ''}`);
const sdkManifest = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')) as { name: string; version: string };
/** The environment of a fresh shell: no npm settings inherited from an enclosing `npm test`. */
const shellEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  forceConsistentCasingInFileNames: true,
};

function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options }).toString();
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: unknown; stderr?: unknown };
    throw new Error(`${command} ${args.join(' ')} failed\n${String(stdout ?? '')}\n${String(stderr ?? '')}`, { cause: error });
  }
}

describe('@ecommerce/sdk as published (to a registry, installed from it)', () => {
  let temp: string;
  let tarball: string;
  let consumer: string;
  let registry: Registry | undefined;
  let publishOutput: string;
  let platform: Platform | undefined;
  const gatewayUrl = () => {
    assert.ok(platform, 'platform not started');
    return platform.baseUrl;
  };

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'ecommerce-sdk-package-'));
    registry = await startRegistry(join(temp, 'registry'));
    // The release flow's publish step (`npm run release:publish` builds, then runs this), to the
    // registry the @ecommerce scope points at; --no-git-tag: a test must not tag the developer's repo.
    const publisherRc = join(temp, 'publisher.npmrc');
    writeFileSync(publisherRc, `${registry.authLine}\n`);
    const published = spawnSync(process.execPath, [CHANGESET, 'publish', '--no-git-tag'], {
      cwd: workspaceRoot, encoding: 'utf8', timeout: 120_000,
      env: { ...shellEnv(), npm_config_userconfig: publisherRc, 'npm_config_@ecommerce:registry': registry.url },
    });
    publishOutput = `${published.stdout}${published.stderr}`;
    assert.equal(published.status, 0, `changeset publish failed:\n${publishOutput}`);
    // The tarball the registry serves, checked against the integrity it announces.
    const packument = await (await fetch(`${registry.url}@ecommerce%2fsdk`)).json() as { versions: Record<string, { dist: { tarball: string; integrity: string } }> };
    const dist = packument.versions[sdkManifest.version]?.dist;
    assert.ok(dist, `the registry has ${sdkManifest.name}@${sdkManifest.version}`);
    const bytes = Buffer.from(await (await fetch(dist.tarball)).arrayBuffer());
    assert.equal(`sha512-${createHash('sha512').update(bytes).digest('base64')}`, dist.integrity);
    tarball = join(temp, `ecommerce-sdk-${sdkManifest.version}.tgz`);
    writeFileSync(tarball, bytes);
    // A fresh client app: the scope from the team's registry, the rest from the usual one, and an
    // empty npm cache, so nothing from an earlier run can stand in for what was just published.
    consumer = join(temp, 'consumer');
    mkdirSync(join(consumer, 'src'), { recursive: true });
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
    writeFileSync(join(consumer, '.npmrc'), `@ecommerce:registry=${registry.url}\n`);
    // The lockfile records where each package came from (some machines' npm config omits that).
    run(npm, ['install', `${sdkManifest.name}@${sdkManifest.version}`, ...FETCH_PACKAGES, '--no-audit', '--no-fund', '--ignore-scripts', '--cache', join(temp, 'npm-cache'), '--omit-lockfile-registry-resolved=false'], {
      cwd: consumer, env: shellEnv(),
    });
    cpSync(join(__dirname, 'consumer'), join(consumer, 'src'), { recursive: true });
  });

  after(async () => {
    await platform?.stop();
    await registry?.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('the release step published it to the registry, and the consumer installed it from there, the rest from the usual registry', async () => {
    assert.match(publishOutput, new RegExp(`${sdkManifest.name}@${sdkManifest.version.replaceAll('.', '\\.')}`), publishOutput);
    const tags = await (await fetch(`${registry?.url}-/package/@ecommerce%2fsdk/dist-tags`)).json();
    assert.deepEqual(tags, { latest: sdkManifest.version });
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; version?: string }> };
    const sdk = lock.packages['node_modules/@ecommerce/sdk'];
    assert.equal(sdk?.version, sdkManifest.version);
    assert.ok(sdk?.resolved?.startsWith(registry?.url ?? '-'), `@ecommerce/sdk resolved from ${sdk?.resolved}`);
    const openapiFetch = lock.packages['node_modules/openapi-fetch']?.resolved ?? '';
    assert.ok(openapiFetch.startsWith('http') && !openapiFetch.startsWith(registry?.url ?? '-'), `openapi-fetch resolved from ${openapiFetch}`);
  });

  it('packs only dist, README, LICENSE and package.json; the manifest names the repository; VERSION is its version', () => {
    const files = run('tar', ['-tzf', tarball]).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
    assert.ok(files.includes('README.md') && files.includes('package.json') && files.includes('LICENSE'));
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f)), []);
    const installed = join(consumer, 'node_modules/@ecommerce/sdk');
    assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License\n/);
    const published = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string; license: string; repository: unknown };
    assert.equal(published.license, 'MIT');
    assert.deepEqual(published.repository, { type: 'git', url: 'git+https://github.com/ecommerce/platform.git', directory: 'sdk' });
    const loaded = createRequire(join(consumer, 'package.json'))('@ecommerce/sdk') as { VERSION: unknown };
    assert.equal(loaded.VERSION, published.version);
    assert.ok(files.includes('dist/esm/index.js') && files.includes('dist/cjs/index.js') && files.includes('dist/cjs/gen/schema.d.ts'));
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/@ecommerce/sdk/package.json'), 'utf8')) as {
      dependencies: Record<string, string>; scripts?: unknown;
    };
    assert.deepEqual(Object.keys(manifest.dependencies), ['openapi-fetch']);
    assert.equal(manifest.scripts, undefined);
  });

  it('publint --strict finds nothing', () => {
    const output = run(process.execPath, [PUBLINT, 'run', sdkRoot, '--strict']);
    assert.doesNotMatch(output, /error|warning|suggestion/i, output);
  });

  it('attw (are the types wrong) finds no problem for node10, node16 CJS/ESM and bundler', () => {
    const output = run(process.execPath, [ATTW, tarball, '--format', 'json']);
    const report = JSON.parse(output) as { analysis: { problems: unknown[] }; problems?: unknown };
    assert.deepEqual(report.analysis.problems, [], output);
  });

  it('ships each declaration once and source maps without embedded sources', () => {
    const dist = join(consumer, 'node_modules/@ecommerce/sdk/dist');
    const files = readdirSync(dist, { recursive: true }).map(String);
    const declarations = files.filter((f) => f.endsWith('.d.ts'));
    const bodies = declarations.map((f) => readFileSync(join(dist, f), 'utf8'));
    const large = bodies.filter((text) => text.length > 300);
    assert.equal(new Set(large).size, large.length, `a declaration is shipped twice: ${declarations.join(', ')}`);
    const maps = files.filter((f) => f.endsWith('.map'));
    assert.ok(maps.length >= 2, maps.join(', '));
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(join(dist, map), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
      assert.ok(parsed.sources.length > 0);
      assert.equal(parsed.sourcesContent, undefined, `${map} embeds the sources`);
    }
  });

  it('the .d.ts files are free of Node-only types', () => {
    const dist = join(consumer, 'node_modules/@ecommerce/sdk/dist');
    const declarations = readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.d.ts'));
    assert.ok(declarations.length > 10);
    for (const file of declarations) {
      const text = readFileSync(join(dist, file), 'utf8');
      assert.doesNotMatch(text, /\bBuffer\b|from ['"]node:|\bNodeJS\.|reference types="node"|require\(['"]node:/, file);
    }
    // The proof: a DOM-only consumer (no @types/node at all) compiles against them, skipLibCheck off.
    writeFileSync(join(consumer, 'tsconfig.browser.json'), JSON.stringify({
      compilerOptions: { ...STRICT, lib: ['es2022', 'dom'], types: [], noEmit: true },
      files: ['src/browser-consumer.ts'],
    }));
    run(process.execPath, [TSC, '-p', 'tsconfig.browser.json'], { cwd: consumer });
  });

  it('strict tsc compiles the Node consumers (ESM, CJS, undici and node-fetch as fetch); the wrong field name must not compile', () => {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        ...STRICT, lib: ['es2022'], types: ['node'], typeRoots: [join(workspaceRoot, 'node_modules/@types')],
        rootDir: 'src', outDir: 'out',
      },
      files: ['src/esm-consumer.ts', 'src/cjs-consumer.cts', 'src/fetch-consumer.ts'],
    }));
    run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: consumer });
    // Without its @ts-expect-error the wrong field name is a real error, naming the field.
    writeFileSync(join(consumer, 'src/wrong-field.ts'), [
      "import { EcommerceClient } from '@ecommerce/sdk';",
      "const client = new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000' });",
      "export const created = client.products.create({ name: 'Mug', description: '', prise: 9.5 });",
    ].join('\n'));
    writeFileSync(join(consumer, 'tsconfig.wrong.json'), JSON.stringify({
      compilerOptions: { ...STRICT, lib: ['es2022', 'dom'], types: [], noEmit: true },
      files: ['src/wrong-field.ts'],
    }));
    assert.throws(() => run(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], { cwd: consumer }), /'prise' does not exist/);
  });

  it('public types have names: compile errors and hovers say Product, Order, ProductCreateParams', () => {
    writeFileSync(join(consumer, 'src/named-types.ts'), [
      "import { EcommerceClient } from '@ecommerce/sdk';",
      "const client = new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000' });",
      'export async function product(): Promise<number> {',
      "  const product = await client.products.get('p1');",
      '  return product;',
      '}',
      "export const order: Promise<string> = client.orders.get('o1').then((o) => o);",
      'export const created = client.products.create(42);',
      "export const page = client.products.list().then((p) => p.products.map((each) => each));",
    ].join('\n'));
    const options = { ...STRICT, lib: ['es2022', 'dom'], types: [], noEmit: true };
    writeFileSync(join(consumer, 'tsconfig.named.json'), JSON.stringify({ compilerOptions: options, files: ['src/named-types.ts'] }));
    const output = (() => {
      try {
        run(process.execPath, [TSC, '-p', 'tsconfig.named.json', '--pretty', 'false'], { cwd: consumer });
      } catch (error) {
        return String((error as Error).message);
      }
      throw new Error('named-types.ts must not compile');
    })();
    assert.match(output, /Type 'Product' is not assignable to type 'number'/, output);
    assert.match(output, /Type 'Order' is not assignable to type 'string'/, output);
    assert.match(output, /parameter of type 'ProductCreateParams'/, output);
    assert.equal(quickInfoAt(consumer, 'src/named-types.ts', "product = await", options), 'const product: Product');
    assert.match(quickInfoAt(consumer, 'src/named-types.ts', 'each) => each', options), /\(parameter\) each: Product$/);
  });

  it('tree-shakes: importing only NotFoundError bundles no client code, and the class keeps its name', async (t) => {
    const errorOnly = await bundle(consumer, "export { NotFoundError } from '@ecommerce/sdk';");
    const withClient = await bundle(consumer, "export { EcommerceClient } from '@ecommerce/sdk';");
    t.diagnostic(`NotFoundError alone: ${errorOnly.length} bytes minified (with EcommerceClient: ${withClient.length})`);
    for (const marker of CLIENT_MARKERS) {
      assert.ok(withClient.includes(marker), `the marker ${marker} must be in the client's bundle`);
      assert.ok(!errorOnly.includes(marker), `NotFoundError alone must not bundle ${marker}`);
    }
    assert.ok(errorOnly.length < 5_000, `NotFoundError alone: ${errorOnly.length} bytes`);
    const module = join(consumer, 'not-found-only.mjs');
    writeFileSync(module, errorOnly);
    const { NotFoundError } = (await import(module)) as { NotFoundError: new (...args: unknown[]) => Error };
    const error = new NotFoundError(404, undefined, '404 missing');
    assert.equal(error.name, 'NotFoundError');
    assert.ok(error instanceof Error);
  });

  describe('against the live platform (built apps on free ports)', () => {
    before(async () => {
      platform = await startPlatform({ mode: 'bundle' });
    });

    it('ESM consumer (import): create, get, list, page, order, NotFoundError, BadRequestError', () => {
      const output = run(process.execPath, [join(consumer, 'out/esm-consumer.js')], {
        cwd: consumer, env: { ...process.env, GATEWAY_URL: gatewayUrl() },
      });
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '');
      assert.match(result.resolved, /node_modules\/@ecommerce\/sdk\/dist\/esm\/index\.js$/);
      assert.match(result.mug.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        { name: result.mug.name, description: result.mug.description, price: result.mug.price, currency: result.mug.currency, stock: result.stock.stock },
        { name: 'Packed mug', description: 'From the tarball', price: 12.5, currency: 'EUR', stock: 5 },
      );
      assert.ok(!Number.isNaN(Date.parse(result.mug.created_at)) && typeof result.mug.created_at === 'string');
      assert.deepEqual(result.fetched, result.mug);
      assert.deepEqual([result.plate.currency, result.plate.description, result.plateStock.stock], ['USD', '', null]);
      assert.deepEqual(result.firstPage.count, 1);
      assert.equal(result.firstPage.hasNext, true);
      assert.equal(typeof result.firstPage.token, 'string');
      assert.deepEqual(result.secondPage, [result.plate.id]);
      assert.deepEqual(result.iterated.slice(0, 2), [result.mug.id, result.plate.id]);
      assert.deepEqual(
        [result.order.product_id, result.order.quantity, result.order.unit_price, result.order.total_price, result.order.currency, result.order.status],
        [result.mug.id, 2, 12.5, 25, 'EUR', 'CONFIRMED'],
      );
      assert.deepEqual(result.fetchedOrder, result.order);
      assert.deepEqual(result.orderIds, [result.order.id]);
      assert.deepEqual(
        result.notFound,
        {
          isAPIError: true, name: 'NotFoundError', status: 404, reason: 'PRODUCT_NOT_FOUND',
          request_id: 'consumer-not-found-1', type: 'https://ecommerce.example.com/problems/product-not-found',
        },
      );
      assert.deepEqual(result.invalid, { status: 400, reason: 'VALIDATION_FAILED', fields: ['price'] });
    });

    it('CJS consumer (require): create, get, list, NotFoundError for an unknown order', () => {
      const output = run(process.execPath, [join(consumer, 'out/cjs-consumer.cjs')], {
        cwd: consumer, env: { ...process.env, GATEWAY_URL: gatewayUrl() },
      });
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '');
      assert.match(result.resolved, /node_modules\/@ecommerce\/sdk\/dist\/cjs\/index\.js$/);
      assert.deepEqual([result.bowl.price, result.bowl.currency], [500, 'JPY']);
      assert.deepEqual(result.fetched, result.bowl);
      assert.equal(result.listed, true);
      assert.deepEqual(result.missing, { isNotFound: true, isAPIError: true, status: 404, reason: 'ORDER_NOT_FOUND' });
    });
  });
});
