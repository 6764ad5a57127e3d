import { startOtelTracer } from './otel-tracer.js';
import { idOnlyTracer, type Tracer } from './tracer.js';
import { loadTracingSettings } from './tracing-settings.js';

/**
 * The tracer a deployable uses: OpenTelemetry export when an OTLP endpoint is configured
 * (loadTracingSettings), otherwise `idOnlyTracer`, which costs a random id per served call.
 * @param service the resource's service.name
 * @param [env=process.env]
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracer> {
  const settings = loadTracingSettings(env);
  if (settings.endpoint === undefined) return idOnlyTracer;
  return startOtelTracer(service, { ...settings, endpoint: settings.endpoint });
}
