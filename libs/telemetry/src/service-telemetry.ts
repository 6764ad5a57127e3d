import type { Logger } from 'pino';
import { GrpcMetrics } from './grpc-metrics.js';
import { createMetricsRegistry, type Registry } from './metrics-registry.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import type { Tracer } from './tracer.js';
import { startTracing } from './tracing.js';

/** What a gRPC service observes itself with. */
export interface ServiceTelemetry {
  tracer: Tracer;
  registry: Registry;
  /** grpc_server_handling_seconds: the calls it serves. */
  serverMetrics: GrpcMetrics;
  /** grpc_client_handling_seconds: the calls it makes upstream. */
  clientMetrics: GrpcMetrics;
  /** The metrics server, when one runs. */
  metricsServer: MetricsServer | undefined;
  /** Stops the metrics server and exports the spans still buffered. */
  close(): Promise<void>;
}

/**
 * A gRPC service's telemetry: tracing (startTracing) and its metrics on GET /metrics at
 * `host:metricsPort` (none when metricsPort is undefined).
 */
export async function startServiceTelemetry(
  service: string,
  options: { host: string; metricsPort: number | undefined; logger: Logger; env?: NodeJS.ProcessEnv },
): Promise<ServiceTelemetry> {
  const tracer = await startTracing(service, options.env);
  if (tracer.exporting) options.logger.info('OpenTelemetry trace export on');
  const registry = createMetricsRegistry();
  const metricsServer = options.metricsPort === undefined
    ? undefined
    : await startMetricsServer({ registry, host: options.host, port: options.metricsPort, logger: options.logger });
  return {
    tracer,
    registry,
    serverMetrics: new GrpcMetrics(registry, 'server'),
    clientMetrics: new GrpcMetrics(registry, 'client'),
    metricsServer,
    async close() {
      await metricsServer?.close();
      await tracer.shutdown();
    },
  };
}
