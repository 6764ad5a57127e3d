import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  Metadata,
  status,
  type handleUnaryCall,
  type ServerErrorResponse,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import pino, { type Logger } from 'pino';
import {
  TRACEPARENT, idOnlyTracer, parseTraceparent, traceLogFields, type GrpcMetrics, type TraceContext, type Tracer,
} from '@ecommerce/telemetry';
import { errorDetailsMetadata } from './error-details.js';
import { RpcError } from './rpc-error.js';
import { UndecodableRequest } from './strict-utf8.js';

/** The logger of call contexts made without one (tests). */
const SILENT = pino({ level: 'silent' });

/** Metadata key of the correlation id (X-Request-Id at the REST edge). */
export const REQUEST_ID_KEY = 'x-request-id';

/** What a correlation id may be: printable ASCII without spaces, at most 128 characters (the gateway's rule too). */
export const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The most request metadata a call may carry, keys and values together. */
export const MAX_METADATA_BYTES = 8 * 1024;

/** Why a call's metadata is refused, or undefined when it is fine. */
function metadataProblem(metadata: Metadata): string | undefined {
  let size = 0;
  for (const [key, values] of Object.entries(metadata.getMap())) size += key.length + (Buffer.isBuffer(values) ? values.length : String(values).length);
  if (size > MAX_METADATA_BYTES) return `request metadata must be at most ${MAX_METADATA_BYTES} bytes, got ${size}`;
  const ids = metadata.get(REQUEST_ID_KEY);
  if (ids.length > 1 || (ids.length === 1 && !(typeof ids[0] === 'string' && REQUEST_ID_PATTERN.test(ids[0])))) {
    return `${REQUEST_ID_KEY} must be 1 to 128 printable ASCII characters without spaces`;
  }
  return undefined;
}

/**
 * Metadata key of the caller's absolute deadline, epoch milliseconds. grpc-js starts a server
 * call's deadline when it reads the call's headers, so a process that was paused (or slow to read)
 * sees a fresh budget; this one does not move. It assumes the hosts' clocks agree (NTP).
 */
export const DEADLINE_KEY = 'x-deadline-ms';

/**
 * Request metadata key naming whose idempotency keys a call uses: the id (never the secret) of the
 * API key the gateway authenticated; absent when the gateway runs open (libs/idempotency reads it).
 */
export const IDEMPOTENCY_SCOPE_KEY = 'x-idempotency-scope';

/** Response metadata key: "true" when the answer is a stored outcome replayed for an idempotency key. */
export const REPLAYED_KEY = 'idempotent-replayed';

/** Thrown by `ensureActive` when the caller has given up: nothing may be committed for it. */
export class CallerGoneError extends Error {
  constructor(readonly code: status.CANCELLED | status.DEADLINE_EXCEEDED) {
    super(code === status.CANCELLED ? 'the caller cancelled the call' : 'the caller\'s deadline has passed');
    this.name = 'CallerGoneError';
  }
}

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** Correlation id from incoming metadata, or a fresh UUID. Pass it on to downstream calls. */
  requestId: string;
  /** Logger whose lines carry the request id (and trace_id/span_id when the call has a trace). */
  logger: Logger;
  /**
   * This call's span: the caller's trace (its `traceparent`), or a new one. Pass it on to
   * downstream calls (UnaryCallOptions.trace) so they join the trace.
   */
  trace: TraceContext | undefined;
  metadata: Metadata;
  /**
   * Epoch milliseconds by which the caller stops waiting (Infinity when it set no deadline).
   * Downstream calls should not outlive it: see remainingMs().
   */
  deadline: number;
  /** True once the caller cancelled the call (its RST_STREAM arrived). */
  cancelled(): boolean;
  /** Sent with the answer: as initial metadata on success, merged into the trailers on failure. */
  responseMetadata: Metadata;
}

/**
 * Throws CallerGoneError when the caller has given up (cancelled, or past its deadline). Call it
 * right before committing a write, inside the transaction: a caller that was told DEADLINE_EXCEEDED
 * must never find that its request was carried out after all.
 */
export function ensureActive(context: Pick<CallContext, 'cancelled' | 'deadline'>): void {
  if (context.cancelled()) throw new CallerGoneError(status.CANCELLED);
  if (Date.now() >= context.deadline) throw new CallerGoneError(status.DEADLINE_EXCEEDED);
}

/**
 * ensureActive after one turn of the event loop. A call read late (the process was paused or
 * busy) may have its cancellation already waiting in the socket: grpc-js reports it only once the
 * event loop gets to it, and a write on the embedded store would commit before that. Await this
 * before starting a write's transaction; call ensureActive again right before its commit.
 */
export async function ensureStillWaiting(context: Pick<CallContext, 'cancelled' | 'deadline'>): Promise<void> {
  await nextTurn();
  ensureActive(context);
}

/**
 * A call context as a handler sees it. The server wrapper builds one per call from the call's
 * metadata and deadline; tests build literal ones to call handlers in process, in milliseconds.
 * @param [init.requestId] a fresh UUID when absent
 * @param [init.logger] silent when absent
 * @param [init.deadline=Infinity] epoch ms
 * @param [init.cancelled] never cancelled when absent
 */
export function createCallContext(init: { [K in keyof CallContext]?: CallContext[K] | undefined } = {}): CallContext {
  const requestId = init.requestId ?? randomUUID();
  const trace = init.trace;
  const bindings = trace ? { request_id: requestId, ...traceLogFields(trace) } : { request_id: requestId };
  // The child logger is made only if the handler logs (most calls log just their `rpc` line).
  let logger: Logger | undefined;
  return {
    requestId,
    trace,
    get logger() {
      return (logger ??= (init.logger ?? SILENT).child(bindings));
    },
    metadata: init.metadata ?? new Metadata(),
    deadline: init.deadline ?? Number.POSITIVE_INFINITY,
    cancelled: init.cancelled ?? (() => false),
    responseMetadata: init.responseMetadata ?? new Metadata(),
  };
}

/** The earlier of the call's own deadline and the caller's absolute one (DEADLINE_KEY), epoch ms. */
function callDeadline(own: Date | number, metadata: Metadata): number {
  const ownMs = own instanceof Date ? own.getTime() : own;
  const carried = Number(metadata.get(DEADLINE_KEY)[0]);
  return Number.isFinite(carried) && carried > 0 ? Math.min(ownMs, carried) : ownMs;
}

/** Milliseconds left before the caller's deadline, capped at `capMs` (a downstream call's own limit). */
export function remainingMs(context: Pick<CallContext, 'deadline'>, capMs: number): number {
  return Math.max(0, Math.min(capMs, context.deadline - Date.now()));
}

export type UnaryHandler<Req, Res> = (request: Req, context: CallContext) => Promise<Res>;

/** The async form of a ts-proto `...Server` interface: one promise-returning function per RPC. */
export type AsyncService<S> = {
  [K in keyof S as string extends K ? never : K]: S[K] extends handleUnaryCall<infer Req, infer Res> ? UnaryHandler<Req, Res> : never;
};

interface HandlerOptions {
  logger: Logger;
  /** Written into ErrorDetails.domain, e.g. "product-service". */
  domain: string;
  /** The service's definition (ts-proto's `...Service`): the methods' full names, for spans and metrics. */
  definition?: ServiceDefinition | undefined;
  /** Starts each call's span. @default idOnlyTracer (ids for logs and traceparent, nothing recorded) */
  tracer?: Tracer | undefined;
  /** Where each call's duration is observed (grpc_server_handling_seconds); none when absent. */
  metrics?: GrpcMetrics | undefined;
}

function toServiceError(error: unknown, options: HandlerOptions, logger: Logger, trailers: Metadata): ServerErrorResponse {
  if (error instanceof CallerGoneError) return Object.assign(new Error(error.message), { code: error.code, details: error.message });
  const known = error instanceof RpcError
    ? error
    : new RpcError('INTERNAL', 'internal error');
  if (!(error instanceof RpcError)) logger.error({ err: error }, 'unhandled error');
  const serviceError: ServerErrorResponse = Object.assign(new Error(known.message), {
    code: known.code,
    details: known.message,
    metadata: errorDetailsMetadata({
      reason: known.reason,
      domain: options.domain,
      metadata: known.metadata,
      fieldViolations: known.fieldViolations,
    }),
  });
  serviceError.metadata?.merge(trailers);
  return serviceError;
}

/** Wraps one async handler: correlation id, trace span, one log line per call, metrics, errors to gRPC statuses. */
function wrapUnary<Req, Res>(
  method: string,
  handler: UnaryHandler<Req, Res>,
  options: HandlerOptions,
): handleUnaryCall<Req, Res> {
  const path = options.definition?.[method]?.path ?? `/${options.domain}/${method}`;
  const spanName = path.slice(1);
  const slash = path.lastIndexOf('/');
  const spanAttributes = { 'rpc.system': 'grpc', 'rpc.service': path.slice(1, slash), 'rpc.method': path.slice(slash + 1) };
  const tracer = options.tracer ?? idOnlyTracer;
  const { metrics } = options;
  return (call, callback) => {
    const started = process.hrtime.bigint();
    const refused = metadataProblem(call.metadata);
    const incoming = refused ? undefined : call.metadata.get(REQUEST_ID_KEY)[0];
    const parent = refused ? undefined : parseTraceparent(call.metadata.get(TRACEPARENT)[0] as string | undefined);
    const span = tracer.startSpan(spanName, 'server', parent, spanAttributes);
    const context = createCallContext({
      requestId: typeof incoming === 'string' && incoming.length > 0 ? incoming : undefined,
      logger: options.logger,
      metadata: call.metadata,
      deadline: callDeadline(call.getDeadline(), call.metadata),
      cancelled: () => call.cancelled,
      trace: span.context,
    });
    const traceFields = traceLogFields(span.context);
    const line = (fields: Record<string, unknown>) => options.logger.info({ request_id: context.requestId, ...traceFields, method, ...fields }, 'rpc');
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const finish = (code: string, grpcCode: number, durationMs: number) => {
      metrics?.observe(path, code, durationMs / 1000);
      span.end({ error: grpcCode !== status.OK, attributes: { 'rpc.grpc.status_code': grpcCode } });
    };
    let answer: Promise<Res>;
    if (refused) answer = Promise.reject(new RpcError('REQUEST_METADATA_INVALID', refused));
    else if (call.request instanceof UndecodableRequest) answer = Promise.reject(new RpcError('UNDECODABLE_REQUEST', `the request message could not be decoded: ${call.request.message}`));
    else answer = handler(call.request, context);
    answer.then(
      (response) => {
        const durationMs = elapsed();
        line({ code: 'OK', duration_ms: durationMs });
        if (Object.keys(context.responseMetadata.getMap()).length > 0) call.sendMetadata(context.responseMetadata);
        callback(null, response);
        finish('OK', status.OK, durationMs);
      },
      (error: unknown) => {
        const serviceError = toServiceError(error, options, context.logger, context.responseMetadata);
        const reason = error instanceof RpcError ? error.reason : error instanceof CallerGoneError ? undefined : 'INTERNAL';
        const grpcCode = serviceError.code ?? status.UNKNOWN;
        const code = status[grpcCode];
        const durationMs = elapsed();
        line({ code, reason, duration_ms: durationMs });
        callback(serviceError);
        finish(code, grpcCode, durationMs);
      },
    );
  };
}

/**
 * Turns promise-returning handlers into a grpc-js service implementation, every method wrapped with
 * correlation ids, per-call logging and the single error mapping (RpcError -> status + details).
 */
export function implement<S extends UntypedServiceImplementation>(
  handlers: AsyncService<S>,
  options: HandlerOptions,
): S {
  const implementation: UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers as Record<string, UnaryHandler<unknown, unknown>>)) {
    implementation[method] = wrapUnary(method, handler, options);
  }
  return implementation as S;
}
