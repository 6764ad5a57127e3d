// `npm run bench`: the main operations against the built platform, with figures to read, never a
// pass/fail on speed. Prints req/s, p50/p99 latency, non-2xx answers and the CPU each process
// spent per request, and every process's RSS before and after.
//
//   npm run bench                          every operation, 10 s each, 10 connections
//   npm run bench -- --duration 5 --connections 50 --only get,order
//   npm run bench -- --cache               the gateway's product cache on (PRODUCT_CACHE_TTL_MS=60000)
//   npm run bench -- --soak                a warm-up until RSS settles (1-2 min), then 3 minutes of mixed load;
//                                          each process's RSS must grow < 20 MB over those 3 minutes
//   npm run bench -- --postgres --replicas 2   each service twice on PostgreSQL (TEST_POSTGRES_URL, default
//                                          postgres://postgres@127.0.0.1:5432/postgres, creates and drops its databases)
//
// The load generator (autocannon) runs in this process, on the same machine: pin it apart from
// the servers (taskset) for figures comparable between runs; docs/performance.md has measured ones.
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { APPS, cpuMicros, postgresPids, rssMb, startBuiltPlatform, type AppName, type BenchPlatform } from './platform.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string', default: 'get,revalidate,list,create,order' },
    cache: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string', default: '180' },
    postgres: { type: 'boolean', default: false },
    replicas: { type: 'string', default: '1' },
  },
});

const SOAK_LIMIT_MB = 20;
/**
 * Warm-up: V8 sizes each heap to the load over the first minute or two (measured: heapTotal 106 ->
 * 130 MB in order-service's first 100 s, then flat for 10 minutes), so the soak starts once every
 * process's RSS has settled: at least 60 s, then 10 s steps until no process grew 3 MB or more over
 * the last 20 s, and at most 120 s (then the soak starts anyway, and says so).
 */
const WARMUP_MIN_S = 60;
const WARMUP_MAX_S = 120;
const WARMUP_STEP_S = 10;
const SETTLED_MB = 3;

interface Operation {
  name: string;
  title: string;
  /** The status every answer must have; any other is counted as unexpected. */
  status: number;
  request: (ids: Ids) => autocannon.Request;
}

interface Ids {
  productId: string;
  etag: string;
  stockedId: string;
}

const json = { 'content-type': 'application/json' };
const OPERATIONS: Operation[] = [
  { name: 'get', title: 'GET /products/{id}', status: 200, request: (ids) => ({ method: 'GET', path: `/products/${ids.productId}` }) },
  {
    name: 'revalidate', title: 'GET /products/{id} If-None-Match (304)', status: 304,
    request: (ids) => ({ method: 'GET', path: `/products/${ids.productId}`, headers: { 'if-none-match': ids.etag } }),
  },
  { name: 'list', title: 'GET /products?page_size=20', status: 200, request: () => ({ method: 'GET', path: '/products?page_size=20' }) },
  {
    name: 'create', title: 'POST /products', status: 201,
    request: () => ({ method: 'POST', path: '/products', headers: json, body: JSON.stringify({ name: 'Benchmark lamp', price: 19.99 }) }),
  },
  {
    name: 'order', title: 'POST /orders (stock reserved)', status: 201,
    request: (ids) => ({ method: 'POST', path: '/orders', headers: json, body: JSON.stringify({ product_id: ids.stockedId, quantity: 1 }) }),
  },
];

async function post(baseUrl: string, path: string, body: unknown): Promise<{ id: string; etag: string }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`seeding: POST ${path} answered ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; etag: string };
}

/** A catalog of 1,000 products, like a small shop, and one with a stock no benchmark exhausts. */
async function seed(platform: BenchPlatform): Promise<Ids> {
  let first: { id: string; etag: string } | undefined;
  for (let i = 0; i < 1000; i += 1) {
    const product = await post(platform.baseUrl, '/products', { name: `Product ${i}`, description: 'A product of the benchmark', price: 19.99 });
    if (i === 42) first = product;
  }
  const stocked = await post(platform.baseUrl, '/products', { name: 'Stocked product', price: 5, stock: 2_000_000_000 });
  return { productId: (first as { id: string }).id, etag: (first as { etag: string }).etag, stockedId: stocked.id };
}

function load(platform: BenchPlatform, requests: autocannon.Request[], seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({ url: platform.baseUrl, connections, duration: seconds, requests });
}

const mb = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
/** RSS per app, summed over its replicas. */
const memory = (platform: BenchPlatform) => Object.fromEntries(APPS.map((app) => [app, sum(platform.pids[app].map(rssMb))])) as Record<AppName, number>;
/** CPU time per app so far, summed over its replicas, then PostgreSQL's (0 on SQLite). */
const cpu = (platform: BenchPlatform) => [
  ...APPS.map((app) => sum(platform.pids[app].map(cpuMicros))),
  args.postgres ? sum(postgresPids().map(cpuMicros)) : 0,
];

async function measure(platform: BenchPlatform, ids: Ids, seconds: number, connections: number): Promise<void> {
  const chosen = new Set(args.only.split(','));
  const header = ['operation', 'req/s', 'p50 ms', 'p99 ms', 'unexpected status', ...APPS.map((app) => `${app} CPU µs/req`), 'PostgreSQL CPU µs/req', 'all CPU µs/req'];
  const rows: string[][] = [];
  for (const operation of OPERATIONS.filter((o) => chosen.has(o.name))) {
    const request = operation.request(ids);
    await load(platform, [request], 2, connections); // warm-up, not measured
    const before = cpu(platform);
    const result = await load(platform, [request], seconds, connections);
    const after = cpu(platform);
    const count = result.requests.total;
    const expected = result.statusCodeStats?.[`${operation.status}`]?.count ?? 0;
    rows.push([
      operation.title, result.requests.average.toFixed(0), String(result.latency.p50), String(result.latency.p99), String(count - expected + result.errors),
      ...after.map((spent, i) => (args.postgres || i < APPS.length ? ((spent - (before[i] ?? 0)) / count).toFixed(0) : 'n/a')),
      ((sum(after) - sum(before)) / count).toFixed(0),
    ]);
  }
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Mixed load until RSS settles (see WARMUP_*), then for `seconds`; RSS read after the warm-up and at the end. */
async function soak(platform: BenchPlatform, ids: Ids, seconds: number, connections: number): Promise<boolean> {
  const mix = [OPERATIONS[0], OPERATIONS[2], OPERATIONS[4], OPERATIONS[0]].flatMap((o) => (o ? [o.request(ids)] : []));
  console.log(`soak: ${seconds} s of mixed reads, list pages and orders at ${connections} connections, after a warm-up until RSS settles`);
  const samples: Record<AppName, number>[] = [];
  let warmed = 0;
  let settled = false;
  while (warmed < WARMUP_MAX_S && !settled) {
    await load(platform, mix, WARMUP_STEP_S, connections);
    warmed += WARMUP_STEP_S;
    samples.push(memory(platform));
    const before = samples.at(-3);
    const now = samples.at(-1);
    settled = warmed >= WARMUP_MIN_S && !!before && !!now && APPS.every((app) => now[app] - before[app] < SETTLED_MB);
  }
  console.log(`warm-up: ${warmed} s, ${settled ? `RSS settled (each process grew < ${SETTLED_MB} MB over the last 20 s)` : 'RSS still growing at the limit; soaking anyway'}`);
  const warm = memory(platform);
  const result = await load(platform, mix, seconds, connections);
  const end = memory(platform);
  console.log(`${result.requests.total} requests after warm-up, ${result.non2xx} non-2xx, ${result.errors} errors`);
  let ok = result.non2xx === 0 && result.errors === 0;
  for (const app of APPS) {
    const growth = end[app] - warm[app];
    const within = !(growth >= SOAK_LIMIT_MB);
    ok &&= within;
    console.log(`${app}: RSS ${mb(warm[app])} MB after warm-up, ${mb(end[app])} MB at the end (${growth >= 0 ? '+' : ''}${mb(growth)} MB) ${within ? 'ok' : `over ${SOAK_LIMIT_MB} MB`}`);
  }
  return ok;
}

async function main(): Promise<void> {
  const seconds = Number(args.duration);
  const connections = Number(args.connections);
  if (!(seconds > 0 && connections > 0)) throw new Error('--duration and --connections must be positive numbers');
  const gatewayEnv: Record<string, string> = args.cache ? { PRODUCT_CACHE_TTL_MS: '60000' } : {};
  const replicas = Number(args.replicas);
  if (!(Number.isInteger(replicas) && replicas >= 1)) throw new Error('--replicas must be a whole number, 1 or more');
  const platform = await startBuiltPlatform({ gatewayEnv, replicas, postgres: args.postgres });
  let ok = true;
  try {
    const ids = await seed(platform);
    const start = memory(platform);
    console.log(`node ${process.version}, ${connections} connections, product cache ${args.cache ? 'on' : 'off'}, ${platform.store}`);
    if (args.soak) ok = await soak(platform, ids, Number(args['soak-seconds']), connections);
    else await measure(platform, ids, seconds, connections);
    const end = memory(platform);
    console.log(`RSS MB before -> after: ${APPS.map((app) => `${app} ${mb(start[app])} -> ${mb(end[app])}`).join(', ')}`);
  } finally {
    await platform.stop();
  }
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
