import type { Context, Span, SpanContext } from '@opentelemetry/api';
import type { TraceContext } from './trace-context.js';
import type { SpanAttributes, Tracer } from './tracer.js';
import type { TracingSettings } from './tracing-settings.js';

/**
 * The OpenTelemetry tracer: spans recorded by the SDK (sdk-trace-base) and sent in batches over
 * OTLP/HTTP with JSON bodies. Loaded only when export is switched on, so a process that does not
 * export never loads the SDK. No global provider, no context manager: each span's parent is the
 * context handed to it, the same one logs and `traceparent` carry.
 * @param service resource attribute service.name, e.g. "order-service"
 */
export async function startOtelTracer(service: string, settings: TracingSettings & { endpoint: string }): Promise<Tracer> {
  const [api, base, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new base.BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    sampler: new base.ParentBasedSampler({ root: new base.AlwaysOnSampler() }),
    spanProcessors: [new base.BatchSpanProcessor(new OTLPTraceExporter({ url: settings.endpoint }), {
      scheduledDelayMillis: settings.scheduledDelayMs,
    })],
  });
  const tracer = provider.getTracer('@ecommerce/telemetry');
  const parentContext = (parent: TraceContext | undefined): Context => {
    if (!parent) return api.ROOT_CONTEXT;
    const remote: SpanContext = {
      traceId: parent.traceId,
      spanId: parent.spanId,
      traceFlags: parent.sampled ? api.TraceFlags.SAMPLED : api.TraceFlags.NONE,
      isRemote: true,
    };
    return api.trace.setSpanContext(api.ROOT_CONTEXT, remote);
  };
  const contextOf = (span: Span): TraceContext => {
    const { traceId, spanId, traceFlags } = span.spanContext();
    return { traceId, spanId, sampled: (traceFlags & api.TraceFlags.SAMPLED) === api.TraceFlags.SAMPLED };
  };
  return {
    exporting: true,
    startSpan(name, role, parent, attributes?: SpanAttributes) {
      const kind = role === 'server' ? api.SpanKind.SERVER : api.SpanKind.CLIENT;
      const span = tracer.startSpan(name, { kind, ...(attributes ? { attributes } : {}) }, parentContext(parent));
      return {
        context: contextOf(span),
        end(outcome) {
          if (outcome?.attributes) span.setAttributes(outcome.attributes);
          if (outcome?.error) span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
