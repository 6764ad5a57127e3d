import { GrpcMetrics, HttpMetrics, createMetricsRegistry, idOnlyTracer, type Registry, type Tracer } from '@ecommerce/telemetry';

/** What the gateway observes itself with; main.ts builds the real one, tests may leave it out. */
export interface GatewayTelemetry {
  /** Starts each request's span (and, when it exports, each upstream call's). */
  tracer: Tracer;
  /** Served at GET /metrics. */
  registry: Registry;
  /** http_server_request_duration_seconds */
  http: HttpMetrics;
  /** grpc_client_handling_seconds: the calls to product-service and order-service. */
  grpc: GrpcMetrics;
}

/** A registry with the process metrics and the gateway's two histograms. */
export function createGatewayTelemetry(tracer: Tracer = idOnlyTracer): GatewayTelemetry {
  const registry = createMetricsRegistry();
  return { tracer, registry, http: new HttpMetrics(registry), grpc: new GrpcMetrics(registry, 'client') };
}
