export {
  TRACEPARENT, childContext, formatTraceparent, newSpanId, newTraceId, parseTraceparent, traceLogFields, type TraceContext,
} from './trace-context.js';
export { idOnlyTracer, type ActiveSpan, type SpanAttributes, type SpanRole, type Tracer } from './tracer.js';
export { loadTracingSettings, type TracingSettings } from './tracing-settings.js';
export { startTracing } from './tracing.js';
export { DURATION_BUCKETS, Registry, createMetricsRegistry } from './metrics-registry.js';
export { GrpcMetrics } from './grpc-metrics.js';
export { HttpMetrics } from './http-metrics.js';
export { startMetricsServer, type MetricsServer } from './metrics-server.js';
export { startServiceTelemetry, type ServiceTelemetry } from './service-telemetry.js';
