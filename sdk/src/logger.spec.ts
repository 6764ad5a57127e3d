import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { problem, productBody, startStub, type StubServer } from '../test/stub-server.js';
import { EcommerceClient, type ClientOptions } from './client.js';
import type { Logger, LogLevel } from './logger.js';

/** A console-like logger that records every call by level. */
function recorder(): Logger & { lines: { level: string; args: unknown[] }[] } {
  const lines: { level: string; args: unknown[] }[] = [];
  const at = (level: string) => (...args: unknown[]) => void lines.push({ level, args });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});
/** One 503 (retried at once), then 200 for /products/p1; 404 for anything else. */
async function flaky(): Promise<StubServer> {
  let first = true;
  stub = await startStub((request) => {
    if (request.url !== '/products/p1') return { status: 404, body: problem(404, 'PRODUCT_NOT_FOUND') };
    if (first) {
      first = false;
      return { status: 503, body: problem(503, 'UNAVAILABLE'), headers: { 'retry-after': '0' } };
    }
    return { status: 200, body: productBody('p1') };
  });
  return stub;
}
async function run(logLevel: LogLevel | undefined, extra: Partial<ClientOptions> = {}) {
  const server = await flaky();
  const logger = recorder();
  const client = new EcommerceClient({ baseUrl: server.baseUrl, logger, apiKey: 'sk_live_secret', ...extra, ...(logLevel ? { logLevel } : {}) });
  await client.products.get('p1');
  await client.products.get('nope').catch(() => undefined);
  return logger.lines;
}

describe('logger and logLevel', () => {
  it("logs nothing by default ('off')", async () => {
    assert.deepEqual(await run(undefined), []);
  });

  it("'warn' logs each retry (attempt, delay, reason) and each failure, nothing else", async () => {
    const lines = await run('warn');
    assert.deepEqual(lines.map((l) => l.level), ['warn', 'error']);
    const [retry, failure] = lines;
    assert.match(String(retry?.args[0]), /retrying GET \/products\/p1/);
    assert.deepEqual(
      { ...(retry?.args[1] as object), request_id: undefined },
      { method: 'GET', url: `${stub?.baseUrl}/products/p1`, request_id: undefined, attempt: 1, nextAttempt: 2, delayMs: 0, reason: '503 UNAVAILABLE' },
    );
    assert.match(String(failure?.args[0]), /GET \/products\/nope failed: 404/);
    assert.equal((failure?.args[1] as { status?: number }).status, 404);
  });

  it("'error' logs failures only; 'info' adds one line per completed call", async () => {
    assert.deepEqual((await run('error')).map((l) => l.level), ['error']);
    await stub?.close();
    const info = await run('info');
    assert.deepEqual(info.map((l) => l.level), ['warn', 'info', 'error']);
    assert.match(String(info[1]?.args[0]), /GET \/products\/p1 -> 200 after 2 attempts/);
  });

  it("'debug' logs every attempt's request and response, with the API key redacted", async () => {
    const lines = await run('debug');
    assert.ok(lines.filter((l) => l.level === 'debug').length >= 6, JSON.stringify(lines));
    const sent = lines.find((l) => l.level === 'debug' && /^\[ecommerce-sdk\] -> GET/.test(String(l.args[0])));
    assert.equal((sent?.args[1] as { headers: Record<string, string> }).headers['authorization'], 'Bearer ***');
    assert.doesNotMatch(JSON.stringify(lines), /sk_live_secret/);
  });

  it('logs to globalThis.console when no logger is given', async (t) => {
    const warn = t.mock.method(console, 'warn', () => undefined);
    const error = t.mock.method(console, 'error', () => undefined);
    const server = await flaky();
    const client = new EcommerceClient({ baseUrl: server.baseUrl, logLevel: 'warn' });
    await client.products.get('p1');
    await client.products.get('nope').catch(() => undefined);
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0]?.arguments[0]), /^\[ecommerce-sdk\] retrying GET/);
    assert.equal(error.mock.callCount(), 1);
  });

  it('checks logLevel and logger at construction', () => {
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', logLevel: 'verbose' as LogLevel }), /logLevel/);
    assert.throws(() => new EcommerceClient({ baseUrl: 'http://x', logger: {} as Logger }), /logger/);
  });
});
