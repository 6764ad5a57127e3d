// Bundles one app's TypeScript (and the workspace libraries it imports) into dist/apps/<app>/main.js.
// npm packages stay external: the container installs production dependencies beside the bundle.
// Usage: node tools/build-app.mjs <app-name>
import { build } from 'esbuild';

const app = process.argv[2];
if (!app) {
  console.error('usage: node tools/build-app.mjs <app-name>');
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
console.log(`built dist/apps/${app}/main.js`);
