import { childContext, type TraceContext } from './trace-context.js';

/** Whether a span serves a call (server) or makes one (client). */
export type SpanRole = 'server' | 'client';

/** Attributes recorded on a span when it is exported. */
export type SpanAttributes = Record<string, string | number | boolean>;

/** A span in progress. `context` is what downstream calls carry as their parent. */
export interface ActiveSpan {
  readonly context: TraceContext;
  /**
   * Ends the span. `error` marks it failed (a gRPC code other than OK, an HTTP 5xx); `attributes`
   * are added to those it started with.
   */
  end(outcome?: { error?: boolean; attributes?: SpanAttributes }): void;
}

/**
 * Starts spans. Two implementations: `idOnlyTracer` (the default, nothing recorded: it only makes
 * the ids that logs and `traceparent` carry), and the OpenTelemetry one (`startTracing`) that
 * records and exports them over OTLP/HTTP.
 */
export interface Tracer {
  /** True when spans are recorded and exported. */
  readonly exporting: boolean;
  /**
   * Starts a span as the child of `parent` (the caller's context), or as the root of a new trace.
   * @param name e.g. "GET /products/{id}", "ecommerce.product.v1.ProductService/GetProduct"
   */
  startSpan(name: string, role: SpanRole, parent: TraceContext | undefined, attributes?: SpanAttributes): ActiveSpan;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

const noEnd = (): void => undefined;

/**
 * Records nothing. A server span gets a span id of its own (so each process's log lines name their
 * span); a client span is its parent's context, passed on as is: with nothing recorded, a client
 * span would be an id nobody can look up.
 */
export const idOnlyTracer: Tracer = {
  exporting: false,
  startSpan(_name, role, parent) {
    if (role === 'client' && parent) return { context: parent, end: noEnd };
    return { context: childContext(parent, false), end: noEnd };
  },
  shutdown: () => Promise.resolve(),
};
