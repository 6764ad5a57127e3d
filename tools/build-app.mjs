// Bundles one app's TypeScript (and the workspace libraries it imports) into dist/apps/<app>/main.js.
// npm packages stay external: the container installs production dependencies beside the bundle.
// With --protos, the contract tree (proto/**/*.proto) is copied beside the bundle, into
// dist/apps/<app>/proto: the gRPC services load it for reflection (libs/contracts, protoRoot()).
// Usage: node tools/build-app.mjs <app-name> [--protos]
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const [app, ...flags] = process.argv.slice(2);
if (!app || flags.some((flag) => flag !== '--protos')) {
  console.error('usage: node tools/build-app.mjs <app-name> [--protos]');
  process.exit(2);
}
await build({
  entryPoints: [`apps/${app}/src/main.ts`],
  outfile: `dist/apps/${app}/main.js`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.base.json',
  logLevel: 'warning',
});
if (flags.includes('--protos')) {
  rmSync(`dist/apps/${app}/proto`, { recursive: true, force: true });
  cpSync('proto', `dist/apps/${app}/proto`, {
    recursive: true,
    filter: (source) => !/\.[^/]+$/.test(source) || source.endsWith('.proto'),
  });
}
console.log(`built dist/apps/${app}/main.js${flags.includes('--protos') ? ' and its protos' : ''}`);
