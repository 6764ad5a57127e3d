import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Express } from 'express';
import type { Logger } from '@ecommerce/logging';
import { answerClientError } from './http/client-errors.js';

/**
 * What the HTTP server allows a client, chosen deliberately (README "Configuration"):
 * a slow or stalled client is cut off (408) instead of holding a connection and its memory.
 */
export interface HttpLimits {
  /** All headers must arrive within this (HTTP_HEADERS_TIMEOUT_MS). @default 10000 */
  headersTimeoutMs?: number | undefined;
  /** The whole request, body included, within this (HTTP_REQUEST_TIMEOUT_MS). @default 30000 */
  requestTimeoutMs?: number | undefined;
  /** An idle keep-alive connection is closed after this (HTTP_KEEP_ALIVE_TIMEOUT_MS). @default 5000 */
  keepAliveTimeoutMs?: number | undefined;
  /** Connections beyond this many are dropped as they arrive (HTTP_MAX_CONNECTIONS). @default 1024 */
  maxConnections?: number | undefined;
}

export const DEFAULT_HTTP_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
} as const satisfies Required<HttpLimits>;

export interface HttpServerOptions {
  app: Express;
  host: string;
  /** 0 picks a free port; the real one is logged and returned. */
  port: number;
  logger: Logger;
  /** Runs once the server has stopped and in-flight requests are done (close upstreams here). */
  onStopped?: () => Promise<void> | void;
  /** Runs when a draining stop begins (readiness turns 503 here). */
  onDraining?: () => void;
  /** How long in-flight requests may take to finish before their connections are cut. @default 10000 */
  drainTimeoutMs?: number;
  limits?: HttpLimits | undefined;
}

export interface RunningHttpServer {
  port: number;
  server: Server;
  /**
   * A draining stop: onDraining (readiness 503), requests still served for `graceMs`, then the
   * server stops accepting, lets every request already accepted finish (keep-alive connections
   * are told to close after it; cut after drainTimeoutMs), and runs onStopped. Safe to call twice.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Starts the HTTP server and logs `{"msg":"listening","port":N}` once it accepts connections. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...definedOnly(options.limits ?? {}) };
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = createServer({
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past their timeouts: a fraction of the shortest one.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))),
  });
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
  // Responses under way, so that stopping can ask their keep-alive connections to close after them.
  // Tracked before the app sees the request, so even responses sent synchronously are seen.
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  server.on('request', options.app);
  // events.once rejects if 'error' comes first (a port in use), resolves on 'listening'.
  await once(server.listen(options.port, options.host), 'listening');
  const { port } = server.address() as AddressInfo;
  options.logger.info({ address: `http://${options.host}:${port}`, host: options.host, port }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { graceMs?: number } = {}) => {
    stopping ??= (async () => {
      options.onDraining?.();
      const graceMs = stopOptions.graceMs ?? 0;
      if (graceMs > 0) {
        options.logger.info({ grace_ms: graceMs }, 'draining: not ready, still serving');
        await delay(graceMs);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
        // close() stops accepting and closes idle keep-alive connections; busy ones are told to
        // close after their response, so the callback runs as soon as the last response is sent.
        closing = true;
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        for (const res of inFlight) {
          if (!res.headersSent) res.setHeader('Connection', 'close');
          else res.once('finish', () => server.closeIdleConnections());
        }
      });
      await options.onStopped?.();
      options.logger.info('stopped');
    })();
    return stopping;
  };
  return { port, server, stop };
}

function definedOnly(limits: HttpLimits): Partial<Required<HttpLimits>> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
