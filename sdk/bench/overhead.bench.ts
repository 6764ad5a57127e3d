// SDK overhead per call: the same requests through EcommerceClient and through bare fetch against
// a stub gateway in a child process (so the server does not share this event loop). Prints ops/s
// and the difference in mean latency. Run: nx run sdk:bench (after sdk:generate).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EcommerceClient } from '../src/index.js';

const SERVER = `
const http = require('node:http');
const product = JSON.stringify({ id: '550e8400-e29b-41d4-a716-446655440000', name: 'Mug', description: '',
  price: 12.5, currency: 'USD', stock: 3, created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' });
const list = JSON.stringify({ products: Array.from({ length: 20 }, () => JSON.parse(product)), next_page_token: 'next' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url.startsWith('/products?') ? list : product;
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
      'x-request-id': req.headers['x-request-id'] || 'generated' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

interface Result { name: string; opsPerSec: number; meanUs: number }

async function measure(name: string, call: () => Promise<unknown>, iterations: number): Promise<Result> {
  for (let i = 0; i < Math.min(500, iterations / 4); i++) await call();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await call();
  const elapsed = performance.now() - started;
  return { name, opsPerSec: (iterations / elapsed) * 1000, meanUs: (elapsed / iterations) * 1000 };
}

const PRODUCT_JSON = JSON.stringify({
  id: '550e8400-e29b-41d4-a716-446655440000', name: 'Mug', description: '', price: 12.5, currency: 'USD', stock: 3,
  created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z',
});
const cannedResponse = () => new Response(PRODUCT_JSON, { headers: { 'content-type': 'application/json' } });

/** The SDK's own CPU cost: a fetch that answers in-process, so no socket or server is measured. */
async function inProcess(iterations: number): Promise<void> {
  const client = new EcommerceClient({ baseUrl: 'http://gateway.test', fetch: async () => cannedResponse() });
  const raw = () => cannedResponse().text().then((text) => JSON.parse(text) as unknown);
  const results: Result[] = [];
  for (let round = 0; round < 3; round++) {
    results.push(await measure('in-process  Response -> JSON', raw, iterations));
    results.push(await measure('in-process  sdk products.get', () => client.products.get('p1'), iterations));
  }
  const best = (name: string) => results.filter((r) => r.name === name).reduce((a, b) => (b.meanUs < a.meanUs ? b : a));
  const base = best('in-process  Response -> JSON');
  const sdk = best('in-process  sdk products.get');
  for (const r of [base, sdk]) console.log(`${r.name}  ${r.opsPerSec.toFixed(0).padStart(6)} ops/s  ${r.meanUs.toFixed(0).padStart(5)} us/call`);
  console.log(`  SDK CPU per call (request, headers, timeout signal, parsing): ${(sdk.meanUs - base.meanUs).toFixed(0)} us`);
}

async function main(): Promise<void> {
  const iterations = Number(process.env['BENCH_ITERATIONS'] ?? 3000);
  await inProcess(iterations * 3);
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => server.kill());
  const stdout = server.stdout;
  if (!stdout) throw new Error('no stdout pipe');
  const port = await new Promise<number>((resolve) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (/^\d+$/.test(line)) resolve(Number(line));
      else console.log(`stub server: ${line}`);
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new EcommerceClient({ baseUrl });
  const id = '550e8400-e29b-41d4-a716-446655440000';
  const body = { name: 'Mug', description: '', price: 12.5 };
  const headers = { accept: 'application/json', 'x-request-id': 'bench' };

  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ['GET  /products/{id}     ',
      () => fetch(`${baseUrl}/products/${id}`, { headers }).then((r) => r.json()),
      () => client.products.get(id)],
    ['POST /products          ',
      () => fetch(`${baseUrl}/products`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body),
      }).then((r) => r.json()),
      () => client.products.create(body)],
    ['GET  /products (20/page)',
      () => fetch(`${baseUrl}/products?page_size=20`, { headers }).then((r) => r.json()),
      () => client.products.list({ page_size: 20 })],
  ];
  // Rounds alternate fetch and SDK; the best round of each is kept (least disturbed by other load).
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
  const pairs: [Result, Result][] = [];
  for (const [name, raw, sdk] of cases) {
    const raws: Result[] = [];
    const sdks: Result[] = [];
    for (let round = 0; round < rounds; round++) {
      raws.push(await measure(`${name}  fetch`, raw, iterations));
      sdks.push(await measure(`${name}  sdk  `, sdk, iterations));
    }
    const fastest = (results: Result[]) => results.reduce((a, b) => (b.meanUs < a.meanUs ? b : a));
    pairs.push([fastest(raws), fastest(sdks)]);
  }
  server.kill();

  console.log(`node ${process.version}, best of ${rounds} rounds of ${iterations} sequential calls, keep-alive, stub server in a child process`);
  for (const [raw, sdk] of pairs) {
    for (const r of [raw, sdk]) console.log(`${r.name}  ${r.opsPerSec.toFixed(0).padStart(6)} ops/s  ${r.meanUs.toFixed(0).padStart(5)} us/call`);
    console.log(`  SDK overhead: ${(sdk.meanUs - raw.meanUs).toFixed(0)} us/call (${((sdk.meanUs / raw.meanUs - 1) * 100).toFixed(0)} %)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
