// Fills a running platform with a small demo catalog through the SDK, as a client app would, so
// Swagger UI (/docs) and the list endpoints have something to show. Idempotent by name: products
// already in the catalog are left alone, so running it twice adds nothing.
// Usage: npm run seed                      (gateway at GATEWAY_URL, default http://127.0.0.1:8000)
//        ECOMMERCE_API_KEY=<key> npm run seed   (a gateway with API keys: a key with products:write)
// Needs the built SDK (sdk/dist); builds it with `nx run sdk:build` when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GATEWAY_URL = process.env.GATEWAY_URL || 'http://127.0.0.1:8000';

/** The demo catalog. Prices in major units; JPY has no minor unit, EUR shows a second currency. */
const CATALOG = [
  { name: 'Mechanical Keyboard', description: 'Tenkeyless keyboard with hot-swappable tactile switches', price: 129, stock: 40 },
  { name: 'Ergonomic Mouse', description: 'Vertical wireless mouse with adjustable DPI', price: 49.5, stock: 120 },
  { name: '27" 4K Monitor', description: 'IPS panel, USB-C with 65 W power delivery', price: 379.99, stock: 15 },
  { name: 'USB-C Dock', description: 'Eleven ports: HDMI, DisplayPort, Ethernet, SD and USB-A/C', price: 189, stock: 25 },
  { name: 'Laptop Stand', description: 'Aluminium stand, six height positions', price: 34.9, stock: 200 },
  { name: 'Noise-Cancelling Earbuds', description: 'True wireless earbuds with 30 h battery life', price: 149.95, currency: 'EUR', stock: 60 },
  { name: 'Desk Mat', description: 'Felt desk mat, 90 x 40 cm', price: 2480, currency: 'JPY', stock: 75 },
  { name: 'Webcam 1080p', description: 'Full-HD webcam with privacy shutter', price: 59, stock: 0 },
];

/** Imports the SDK by its package name, building it first when sdk/dist does not exist yet. */
async function loadSdk() {
  if (!existsSync(join(ROOT, 'sdk', 'dist'))) {
    console.log('sdk/dist is missing: building the SDK first (npx nx run sdk:build)');
    const build = spawnSync('npx', ['nx', 'run', 'sdk:build', '--output-style=static'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (build.status !== 0) {
      console.error('seed: building the SDK failed; run `npx nx run sdk:build` and try again');
      process.exit(1);
    }
  }
  return import('@ecommerce/sdk');
}

const { EcommerceClient, APIConnectionError, APIError, AuthenticationError, PermissionDeniedError } = await loadSdk();
const client = new EcommerceClient({ baseUrl: GATEWAY_URL, apiKey: process.env.ECOMMERCE_API_KEY || undefined });

try {
  console.log(`seeding ${GATEWAY_URL}`);
  const existing = new Set();
  for await (const product of client.products.list({ page_size: 100 })) existing.add(product.name);
  let created = 0;
  for (const item of CATALOG) {
    if (existing.has(item.name)) {
      console.log(`  exists   ${item.name}`);
      continue;
    }
    const product = await client.products.create(item);
    created += 1;
    console.log(`  created  ${product.id}  ${product.name} (${product.price} ${product.currency})`);
  }
  console.log(`seeded ${CATALOG.length} products: ${created} created, ${CATALOG.length - created} already present`);
} catch (error) {
  if (error instanceof APIConnectionError) {
    console.error(`seed: cannot reach the gateway at ${GATEWAY_URL}; start the platform (npm start) or set GATEWAY_URL`);
  } else if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    console.error(`seed: ${error.message}; this gateway has API keys: set ECOMMERCE_API_KEY to a key with products:write`);
  } else if (error instanceof APIError) {
    const fields = error.problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    console.error(`seed: ${error.message}${fields ? ` (${fields})` : ''} [request ${error.request_id}]`);
  } else {
    console.error('seed failed:', error);
  }
  process.exit(1);
}
