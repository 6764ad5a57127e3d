// Generates, from the tsoa controllers and the error catalogue, the gateway's build artifacts (gitignored):
//   apps/api-gateway/src/gen/routes.ts     tsoa's express routes
//   apps/api-gateway/src/gen/openapi.json  the OpenAPI 3 spec the gateway serves
// Run through Nx (`npx nx run api-gateway:generate`, cached). With `--spec-only <file>` it writes
// only the spec, to <file>: `npx nx run api-gateway:update-spec` uses that to refresh the committed,
// reviewed copy apps/api-gateway/openapi.json, and the spec test to prove that copy is not stale.
// Usage: node --import tsx apps/api-gateway/scripts/generate-api.ts [--spec-only <out.json>]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateSpecAndRoutes } from '@tsoa/cli';
import ts from 'typescript';
import { finishSpec } from './finish-spec.js';

const projectRoot = resolve(__dirname, '..');
const workspaceRoot = resolve(projectRoot, '../..');

const specOnly = process.argv[2] === '--spec-only';
const specOut = specOnly ? resolve(process.argv[3] ?? '') : join(projectRoot, 'src/gen/openapi.json');
if (specOnly && !process.argv[3]) {
  console.error('usage: generate-api.ts [--spec-only <out.json>]');
  process.exit(2);
}

// tsoa resolves every path in tsoa.json from the working directory, and must see the workspace's
// path aliases to follow the controllers' imports.
process.chdir(workspaceRoot);
const config = JSON.parse(readFileSync(join(projectRoot, 'tsoa.json'), 'utf8'));
const tsconfig = ts.readConfigFile('tsconfig.base.json', ts.sys.readFile).config;
config.compilerOptions = ts.parseJsonConfigFileContent(tsconfig, ts.sys, workspaceRoot).options;

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'api-gateway-generate-'));
  try {
    config.spec.outputDirectory = scratch;
    if (specOnly) config.routes.routesDir = scratch;
    await generateSpecAndRoutes({ configuration: config });
    const raw = JSON.parse(readFileSync(join(scratch, `${config.spec.specFileBaseName}.json`), 'utf8'));
    writeFileSync(specOut, `${JSON.stringify(finishSpec(raw), null, 2)}\n`);
    if (!specOnly) console.log(`generated ${join(config.routes.routesDir, config.routes.routesFileName)}`);
    console.log(`generated ${specOut}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
