// A scripted HTTP server on 127.0.0.1 (port 0) standing in for the gateway in the SDK's unit tests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/** What the stub does with a request: answer it, never answer, or drop the connection. */
export type Reply =
  | { status: number; body?: unknown; raw?: string; headers?: Record<string, string> }
  | 'hang'
  | 'destroy';

export type Handler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface StubServer {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function startStub(handler: Handler, port = 0): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '', url: req.url ?? '', headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'), at: performance.now(),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, requests.length - 1)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'destroy') return void req.socket.destroy();
        const isProblem = reply.status >= 400;
        const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status, {
          'content-type': isProblem ? 'application/problem+json' : 'application/json',
          'content-length': Buffer.byteLength(text),
          'x-request-id': String(req.headers['x-request-id'] ?? ''),
          ...reply.headers,
        });
        res.end(text);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${actual}`,
        port: actual,
        requests,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** A loopback port with nothing listening (connections to it are refused). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A problem+json body as the gateway sends it. */
export function problem(status: number, reason: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const kebab = reason.toLowerCase().replaceAll('_', '-');
  return {
    type: `https://ecommerce.example.com/problems/${kebab}`,
    title: reason.replaceAll('_', ' ').toLowerCase(),
    status,
    detail: `${reason} happened`,
    instance: '/products',
    request_id: 'req-from-server',
    reason,
    ...extra,
  };
}

/** A product body as the gateway returns it. */
export function productBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, name: `Product ${id}`, description: '', price: 9.99, currency: 'USD', stock: null,
    created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z', ...overrides,
  };
}
