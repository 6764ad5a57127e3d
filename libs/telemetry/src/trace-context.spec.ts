import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childContext, formatTraceparent, newSpanId, newTraceId, parseTraceparent } from './trace-context.js';
import { idOnlyTracer } from './tracer.js';
import { loadTracingSettings } from './tracing-settings.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

test('a valid version 00 traceparent is read; formatting gives it back', () => {
  const context = parseTraceparent(`00-${TRACE}-${SPAN}-01`);
  assert.deepEqual(context, { traceId: TRACE, spanId: SPAN, sampled: true });
  assert.equal(formatTraceparent({ traceId: TRACE, spanId: SPAN, sampled: true }), `00-${TRACE}-${SPAN}-01`);
  assert.equal(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.sampled, false);
  assert.equal(parseTraceparent(`00-${TRACE}-${SPAN}-03`)?.sampled, true, 'other flag bits are ignored');
});

test('invalid traceparents are refused (the caller starts a new trace), a later version is read by its first fields', () => {
  for (const invalid of [
    undefined, '', 'garbage', `00-${TRACE}-${SPAN}`, `00-${TRACE.toUpperCase()}-${SPAN}-01`, `00-${'0'.repeat(32)}-${SPAN}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`, `ff-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01-extra`, `0-${TRACE}-${SPAN}-01`,
    `00-${TRACE}-${SPAN}-0g`, `00_${TRACE}_${SPAN}_01`, `00-${TRACE}-${SPAN}-01${'x'.repeat(600)}`,
  ]) assert.equal(parseTraceparent(invalid), undefined, String(invalid));
  assert.deepEqual(parseTraceparent(`cc-${TRACE}-${SPAN}-01-what-comes-next`), { traceId: TRACE, spanId: SPAN, sampled: true });
});

test('new ids are hex of the right length and differ; a child keeps its trace and flag', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => newSpanId()));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/);
  assert.match(newTraceId(), /^[0-9a-f]{32}$/);
  const parent = { traceId: TRACE, spanId: SPAN, sampled: true };
  const child = childContext(parent, false);
  assert.equal(child.traceId, TRACE);
  assert.notEqual(child.spanId, SPAN);
  assert.equal(child.sampled, true);
  assert.equal(childContext(undefined, false).sampled, false);
});

test('the id-only tracer gives a served call its own span and passes a client call its parent', () => {
  const parent = { traceId: TRACE, spanId: SPAN, sampled: false };
  const server = idOnlyTracer.startSpan('x', 'server', parent);
  assert.equal(server.context.traceId, TRACE);
  assert.notEqual(server.context.spanId, SPAN);
  assert.equal(idOnlyTracer.startSpan('y', 'client', server.context).context, server.context);
  assert.equal(idOnlyTracer.exporting, false);
});

test('export is off unless an OTLP endpoint is set; the generic endpoint gets /v1/traces', () => {
  assert.equal(loadTracingSettings({}).endpoint, undefined);
  assert.equal(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).endpoint, 'http://127.0.0.1:4318/v1/traces');
  assert.equal(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:2/t' }).endpoint, 'http://b:2/t');
  assert.throws(() => loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }), /OTEL_EXPORTER_OTLP_ENDPOINT must be an http/);
  assert.equal(loadTracingSettings({ OTEL_BSP_SCHEDULE_DELAY: '100' }).scheduledDelayMs, 100);
});
