// MikroORM's CLI on one service's schema, with the configuration the service itself uses
// (apps/<service>/src/mikro-orm.config.ts: the entities, the migrations, the store the environment
// names). Usage: npm run db -- <product-service|order-service> <mikro-orm command...>
//   npm run db -- product-service migration:list
//   npm run db -- order-service schema:update --dump     # the SQL that would align the store with the entities
//   ORDER_DATABASE_URL=postgres://... npm run db -- order-service migration:pending
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [service, ...args] = process.argv.slice(2);
if (!['product-service', 'order-service'].includes(service ?? '') || args.length === 0) {
  console.error('usage: npm run db -- <product-service|order-service> <mikro-orm command...>');
  process.exit(2);
}
const cli = join(dirname(createRequire(import.meta.url).resolve('@mikro-orm/cli/package.json')), 'cli.js');
const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args, '--config', `apps/${service}/src/mikro-orm.config.ts`], {
  cwd: root,
  stdio: 'inherit',
  // TypeScript through tsx (not ts-node), with the workspace's path aliases.
  env: { ...process.env, MIKRO_ORM_CLI_ALWAYS_ALLOW_TS: '1', MIKRO_ORM_CLI_USE_TS_NODE: 'false', TSX_TSCONFIG_PATH: join(root, 'tsconfig.base.json') },
});
process.exit(result.status ?? 1);
