import pino from 'pino';
import { createApp } from '../src/app.js';
import { startHttpServer, type RunningHttpServer } from '../src/server.js';
import { connectUpstreams, type Upstreams } from '../src/upstream/upstreams.js';

export interface InProcessGateway {
  baseUrl: string;
  running: RunningHttpServer;
  upstreams: Upstreams;
  stop(): Promise<void>;
}

/** The gateway's real app and server, in this process, pointed at the given upstream addresses. */
export async function startInProcessGateway(options: {
  productServiceAddr: string;
  orderServiceAddr: string;
  grpcTimeoutMs: number;
}): Promise<InProcessGateway> {
  const logger = pino({ level: 'silent' });
  const upstreams = connectUpstreams(options);
  const app = createApp({ upstreams, logger, grpcTimeoutMs: options.grpcTimeoutMs });
  const running = await startHttpServer({ app, host: '127.0.0.1', port: 0, logger, onStopped: () => upstreams.close() });
  return { baseUrl: `http://127.0.0.1:${running.port}`, running, upstreams, stop: () => running.stop() };
}
