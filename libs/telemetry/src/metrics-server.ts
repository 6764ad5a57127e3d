import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP server for a gRPC service's metrics: GET /metrics answers the registry in the
 * Prometheus text format; anything else is 404. Logs `{"msg":"metrics listening","metrics_port":N}`
 * (not "listening", which is the service's own port).
 * @param port 0 picks a free port
 */
export async function startMetricsServer(options: { registry: Registry; host: string; port: number; logger: Logger }): Promise<MetricsServer> {
  const { registry } = options;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => {
        options.logger.error({ err: error }, 'metrics collection failed');
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  // events.once rejects if 'error' comes first (a port in use), resolves on 'listening'.
  await once(server.listen(options.port, options.host), 'listening');
  const { port } = server.address() as AddressInfo;
  options.logger.info({ metrics_address: `http://${options.host}:${port}/metrics`, metrics_port: port }, 'metrics listening');
  return {
    port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
