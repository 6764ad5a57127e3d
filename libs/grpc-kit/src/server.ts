import {
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { envWholeNumber } from '@ecommerce/config';
import { useStrictUtf8, withUndecodableRequests } from './strict-utf8.js';

/** The largest request message a service reads (its requests are small); larger is RESOURCE_EXHAUSTED. */
export const MAX_REQUEST_BYTES = 64 * 1024;

const HEALTH_SERVICE = 'grpc.health.v1.Health';

/**
 * GRPC_MAX_CONNECTION_AGE_MS (default 300000, 0 = never): how long a client connection may live
 * before the server asks the client to reconnect (GOAWAY; calls in flight finish). A reconnecting
 * client resolves its target again, so replicas added later (a scale-up, a new pod behind a
 * headless Service, a compose --scale) get their share of calls within this time.
 */
export function maxConnectionAgeMs(env: NodeJS.ProcessEnv = process.env): number {
  return envWholeNumber(env, 'GRPC_MAX_CONNECTION_AGE_MS', 300_000);
}

export interface ServiceRegistration {
  /** Fully-qualified service name, e.g. "ecommerce.product.v1.ProductService" (health key). */
  name: string;
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface StartOptions {
  services: ServiceRegistration[];
  /** Bind address; 127.0.0.1 unless told otherwise (0.0.0.0 in containers). */
  host: string;
  /** 0 picks a free port (tests read it back from the start-up log line). */
  port: number;
  logger: Logger;
  /** Runs after the server has stopped accepting and finished in-flight calls (close the DB here). */
  onStopped?: () => Promise<void>;
  /** How long in-flight calls may take to finish before they are cancelled. @default 10000 */
  drainTimeoutMs?: number;
  /** TLS or mutual TLS (serverCredentials()); plaintext when absent. */
  credentials?: { credentials: ServerCredentials; mode: string } | undefined;
  /**
   * The protos, loaded by proto-loader: the server then answers gRPC reflection (v1 and v1alpha)
   * for its own services and grpc.health.v1.Health, so grpcurl and the like need no .proto files.
   */
  reflection?: PackageDefinition | undefined;
  /** Connections older than this are asked to reconnect (0 = never). @default maxConnectionAgeMs() */
  maxConnectionAgeMs?: number;
}

export interface RunningServer {
  port: number;
  server: Server;
  health: HealthImplementation;
  /**
   * A draining stop: health turns NOT_SERVING; calls are still served for `graceMs`; then the
   * server stops accepting, lets every call already accepted finish (cancelled after
   * drainTimeoutMs), and runs onStopped. Safe to call twice.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Starts a gRPC server with grpc.health.v1.Health reporting SERVING for "" and every service.
 * Requests are decoded strictly: invalid UTF-8 in a string is INVALID_ARGUMENT UNDECODABLE_REQUEST;
 * a message over MAX_REQUEST_BYTES is RESOURCE_EXHAUSTED (grpc-js); bad metadata is
 * REQUEST_METADATA_INVALID (the handler wrapper).
 */
export async function startGrpcServer(options: StartOptions): Promise<RunningServer> {
  const ageMs = options.maxConnectionAgeMs ?? maxConnectionAgeMs();
  const server = new Server({
    'grpc.max_receive_message_length': MAX_REQUEST_BYTES,
    // Calls in flight when a connection reaches its age get as long as a draining stop gives them.
    ...(ageMs > 0 ? { 'grpc.max_connection_age_ms': ageMs, 'grpc.max_connection_age_grace_ms': options.drainTimeoutMs ?? 10_000 } : {}),
  });
  const statuses = Object.fromEntries(
    ['', ...options.services.map((s) => s.name)].map((name) => [name, 'SERVING' as const]),
  );
  const health = new HealthImplementation(statuses);
  health.addToServer(server);
  useStrictUtf8();
  for (const service of options.services) server.addService(withUndecodableRequests(service.definition), service.implementation);
  if (options.reflection) {
    new ReflectionService(options.reflection, { services: [...options.services.map((s) => s.name), HEALTH_SERVICE] }).addToServer(server);
  }
  const security = options.credentials ?? { credentials: ServerCredentials.createInsecure(), mode: 'plaintext' };

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, security.credentials, (error, bound) =>
      error ? reject(error) : resolve(bound));
  });
  options.logger.info({ address: `${options.host}:${port}`, host: options.host, port, tls: security.mode, reflection: Boolean(options.reflection) }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { graceMs?: number } = {}) => {
    stopping ??= (async () => {
      for (const name of Object.keys(statuses)) health.setStatus(name, 'NOT_SERVING');
      const graceMs = stopOptions.graceMs ?? 0;
      if (graceMs > 0) {
        options.logger.info({ grace_ms: graceMs }, 'draining: NOT_SERVING, still serving');
        await delay(graceMs);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), options.drainTimeoutMs ?? 10_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      await options.onStopped?.();
      options.logger.info('stopped');
    })();
    return stopping;
  };
  return { port, server, health, stop };
}
