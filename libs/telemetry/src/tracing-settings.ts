import { envOptional, envPositiveInt } from '@ecommerce/config';

/** Where and how spans are exported; `endpoint` undefined means export is off (the default). */
export interface TracingSettings {
  /** Full URL spans are POSTed to (OTLP/HTTP, JSON), e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint: string | undefined;
  /** Longest time a finished span waits in the batch before it is sent. */
  scheduledDelayMs: number;
}

/**
 * Reads the OpenTelemetry settings, named as the OpenTelemetry specification names them:
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is) or OTEL_EXPORTER_OTLP_ENDPOINT (+ "/v1/traces");
 * neither set: export off. OTEL_BSP_SCHEDULE_DELAY (ms) defaults to 5000.
 */
export function loadTracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const traces = envOptional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = envOptional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const endpoint = traces ?? (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new Error(`OTEL_EXPORTER_OTLP_${traces ? 'TRACES_' : ''}ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
  }
  return { endpoint, scheduledDelayMs: envPositiveInt(env, 'OTEL_BSP_SCHEDULE_DELAY', 5000) };
}
