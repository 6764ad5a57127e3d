import { randomUUID } from 'node:crypto';
import { freePorts, type AppProcess } from '@ecommerce/testing';
import { startGateway } from './gateway-process.js';

/** API keys as an operator configures them (README, "Access"), fresh for each run. */
export const KEYS = {
  /** Every scope. */
  admin: `e2e-admin-${randomUUID()}`,
  /** Reads orders, nothing else. */
  reader: `e2e-reader-${randomUUID()}`,
};

/** API_KEYS for KEYS. */
export const API_KEYS = JSON.stringify([
  { id: 'e2e-admin', key: KEYS.admin, scopes: ['products:write', 'orders:read', 'orders:write', 'metrics:read'] },
  { id: 'e2e-reader', key: KEYS.reader, scopes: ['orders:read'] },
]);

export interface KeyedGateway {
  baseUrl: string;
  process: AppProcess;
  stop(): Promise<void>;
}

/**
 * An extra gateway (the shipped bundle) in front of the platform's services, with KEYS configured
 * and whatever else `env` adds (CORS_ORIGINS, RATE_LIMIT_MAX, ...). The platform's own gateway runs
 * open, as `npm start` does.
 */
export async function startKeyedGateway(env: Record<string, string> = {}): Promise<KeyedGateway> {
  const [port] = await freePorts(1);
  const process = await startGateway({ port: port as number, env: { API_KEYS, ...env } });
  return { baseUrl: `http://127.0.0.1:${port}`, process, stop: async () => void (await process.stop()) };
}
