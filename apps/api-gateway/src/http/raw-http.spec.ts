import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { rawHttp, type RawResponse } from '../../test/raw-http.js';
import { startStubProductService, type StubProductService } from '../../test/stub-upstreams.js';

// Requests no well-behaved client sends, written byte for byte on a socket: whatever Node's HTTP
// parser refuses, and bodies that are too big or too slow, still get a problem+json answer (where
// the connection allows one) and are cut off without being read to the end.
const REQUEST_TIMEOUT_MS = 1500;

function assertRawProblem(response: RawResponse, status: number, reason: string): void {
  assert.equal(response.status, status, `${response.status} ${response.body}`);
  assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  assert.deepEqual([body['status'], body['reason']], [status, reason]);
  assert.equal(typeof body['request_id'], 'string');
  assert.equal(body['request_id'], response.headers['x-request-id']);
  assert.equal(response.closed, true, 'the connection is closed after the answer');
}

describe('the gateway\'s HTTP edge, on the socket', () => {
  let stub: StubProductService;
  let gateway: TestGateway;

  before(async () => {
    stub = await startStubProductService();
    gateway = await startTestGateway({
      productServiceAddr: stub.address,
      orderServiceAddr: stub.address,
      http: { requestTimeoutMs: REQUEST_TIMEOUT_MS, headersTimeoutMs: 1000 },
    });
  });
  after(async () => {
    await gateway?.stop();
    await stub?.stop();
  });

  const malformed: [string, string][] = [
    ['a Content-Length that is not a number', 'POST /products HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['two different Content-Lengths', 'POST /products HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['Transfer-Encoding and Content-Length together', 'POST /products HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n'],
    ['a bare LF inside a header line', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\nc\r\n\r\n'],
    ['a NUL in a header value', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\u0000c\r\n\r\n'],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
  ];
  for (const [what, request] of malformed) {
    test(`${what}: 400 problem+json from the server itself, connection closed`, async () => {
      assertRawProblem(await rawHttp(gateway.baseUrl, request), 400, 'MALFORMED_REQUEST');
    });
  }

  test('headers or a URL over 16 KB: 431 problem+json', async () => {
    assertRawProblem(await rawHttp(gateway.baseUrl, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
    assertRawProblem(await rawHttp(gateway.baseUrl, `GET /products?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
  });

  test('a declared Content-Length over the limit is 413 at once, before any of the body is read', async () => {
    const started = Date.now();
    const response = await rawHttp(gateway.baseUrl,
      'POST /products HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{"name":"');
    assertRawProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    assert.ok(Date.now() - started < 2000, 'answered without waiting for the 50 MB');
  });

  test('a chunked body that grows past the limit is 413 once it passes it; the rest is never read', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const response = await rawHttp(gateway.baseUrl,
      'POST /products HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', {
        thenSend: async (write) => {
          // Up to 20 MB, a quarter MB at a time; the server should cut us off after about 1 MB.
          for (let i = 0; i < 80; i += 1) {
            if (!write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]))) await delay(5);
            sent += chunk.length;
            await delay(10);
          }
        },
      });
    assertRawProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    assert.ok(sent < 10 * 1024 * 1024, `cut off after ${sent} bytes, well before 20 MB`);
  });

  test(`a body trickling in is cut off after the request timeout (${REQUEST_TIMEOUT_MS} ms here): 408 problem+json`, async () => {
    const started = Date.now();
    const response = await rawHttp(gateway.baseUrl,
      'POST /products HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', {
        thenSend: async (write) => {
          for (let i = 0; i < 60 && write(' '); i += 1) await delay(200);
        },
        timeoutMs: 15_000,
      });
    assertRawProblem(response, 408, 'REQUEST_TIMEOUT');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= REQUEST_TIMEOUT_MS - 100 && elapsed < REQUEST_TIMEOUT_MS + 3000, `cut after ${elapsed} ms`);
  });
});
