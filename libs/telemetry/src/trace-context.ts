import { randomFillSync } from 'node:crypto';

/** Metadata key and HTTP header of the W3C trace context (https://www.w3.org/TR/trace-context/). */
export const TRACEPARENT = 'traceparent';

/** Where a unit of work sits in a trace: its trace, its own span, and whether the trace is recorded. */
export interface TraceContext {
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** 16 lower-case hex digits, not all zero: the span of the work that carries this context. */
  spanId: string;
  /** The sampled flag: some process records this trace's spans. */
  sampled: boolean;
}

const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
// A later version may append fields after a dash; its first four fields keep version 00's shape.
const LATER_VERSION = /^([0-9a-e][0-9a-f]|f[0-9a-e])-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/**
 * Reads a `traceparent` value as W3C Trace Context level 1 says: version 00 exactly (55
 * characters), a later version by its first four fields, never version ff, no all-zero ids, lower
 * case only. Undefined for anything else: the caller then starts a new trace, it never fails.
 */
export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  if (value === undefined || value.length < 55 || value.length > 512) return undefined;
  const match = VERSION_00.exec(value) ?? (value.startsWith('00') ? null : LATER_VERSION.exec(value));
  if (!match) return undefined;
  const [traceId, spanId, flags] = match.length === 4 ? match.slice(1) : match.slice(2, 5);
  if (traceId === undefined || spanId === undefined || flags === undefined) return undefined;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** The version 00 `traceparent` of a context. */
export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? '01' : '00'}`;
}

// Random ids come from one pool refilled in bulk: a span costs a slice of a buffer, not a syscall.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    // All zero is invalid in W3C trace context; draw again (once in 2^64 at worst).
    if (hex !== ZERO_TRACE.slice(0, bytes * 2)) return hex;
  }
}

/** A new 16-byte trace id (32 hex digits). */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new 8-byte span id (16 hex digits). */
export function newSpanId(): string {
  return randomHex(8);
}

/** The context of a new span: a child of `parent`, or the root of a new trace. */
export function childContext(parent: TraceContext | undefined, sampledRoot: boolean): TraceContext {
  return parent
    ? { traceId: parent.traceId, spanId: newSpanId(), sampled: parent.sampled }
    : { traceId: newTraceId(), spanId: newSpanId(), sampled: sampledRoot };
}

/** The fields a log line carries for a trace context (snake_case like every other log field). */
export function traceLogFields(context: TraceContext): { trace_id: string; span_id: string } {
  return { trace_id: context.traceId, span_id: context.spanId };
}
