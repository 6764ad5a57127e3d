import { Metadata, status, type Client, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { TRACEPARENT, formatTraceparent, parseTraceparent, type GrpcMetrics, type Tracer } from '@ecommerce/telemetry';

type UnaryCallback = (error: ServiceError | null, response: unknown) => void;
type UnaryFunction = (request: unknown, metadata: Metadata, options: object, callback: UnaryCallback) => unknown;

/**
 * Instruments a generated client in place (its unary methods, as callUnary calls them): every call's
 * duration goes into `grpc_client_handling_seconds` by method and status code, and, when the
 * tracer exports, every call gets a client span whose id replaces the caller's in `traceparent`.
 * With neither, the client is left as it is.
 * @param client a ts-proto client (its constructor carries the service definition)
 */
export function instrumentClient<C extends Client>(client: C, telemetry: { metrics?: GrpcMetrics | undefined; tracer?: Tracer | undefined }): C {
  const { metrics } = telemetry;
  const tracer = telemetry.tracer?.exporting ? telemetry.tracer : undefined;
  if (!metrics && !tracer) return client;
  const definition = (client.constructor as { service?: ServiceDefinition }).service ?? {};
  const methods = client as unknown as Record<string, UnaryFunction>;
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream || typeof methods[name] !== 'function') continue;
    const original = methods[name].bind(client);
    const { path } = method;
    const slash = path.lastIndexOf('/');
    const attributes = { 'rpc.system': 'grpc', 'rpc.service': path.slice(1, slash), 'rpc.method': path.slice(slash + 1) };
    methods[name] = (request, metadata, options, callback) => {
      // Only the full form callUnary uses; anything else is passed through unmeasured.
      if (!(metadata instanceof Metadata) || typeof callback !== 'function') {
        return (original as (...args: unknown[]) => unknown)(request, metadata, options, callback);
      }
      const started = process.hrtime.bigint();
      const span = tracer?.startSpan(path.slice(1), 'client', parseTraceparent(metadata.get(TRACEPARENT)[0] as string | undefined), attributes);
      if (span) metadata.set(TRACEPARENT, formatTraceparent(span.context));
      return original(request, metadata, options, (error, response) => {
        const code = error ? error.code : status.OK;
        metrics?.observe(path, status[code] ?? 'UNKNOWN', Number(process.hrtime.bigint() - started) / 1e9);
        span?.end({ error: code !== status.OK, attributes: { 'rpc.grpc.status_code': code } });
        callback(error, response);
      });
    };
  }
  return client;
}
