import { randomUUID } from 'node:crypto';
import {
  Metadata,
  status,
  type handleUnaryCall,
  type ServerErrorResponse,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import pino, { type Logger } from 'pino';
import { errorDetailsMetadata } from './error-details.js';
import { RpcError } from './rpc-error.js';

/** Metadata key of the correlation id (X-Request-Id at the REST edge). */
export const REQUEST_ID_KEY = 'x-request-id';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** Correlation id from incoming metadata, or a fresh UUID. Pass it on to downstream calls. */
  requestId: string;
  /** Logger whose lines carry the request id. */
  logger: Logger;
  metadata: Metadata;
  /**
   * Epoch milliseconds by which the caller stops waiting (Infinity when it set no deadline).
   * Downstream calls should not outlive it: see remainingMs().
   */
  deadline: number;
}

/**
 * A call context as a handler sees it. The server wrapper builds one per call from the call's
 * metadata and deadline; tests build literal ones to call handlers in process, in milliseconds.
 * @param [init.requestId] a fresh UUID when absent
 * @param [init.logger] silent when absent
 * @param [init.deadline=Infinity] epoch ms
 */
export function createCallContext(init: { [K in keyof CallContext]?: CallContext[K] | undefined } = {}): CallContext {
  const requestId = init.requestId ?? randomUUID();
  return {
    requestId,
    logger: (init.logger ?? pino({ level: 'silent' })).child({ request_id: requestId }),
    metadata: init.metadata ?? new Metadata(),
    deadline: init.deadline ?? Number.POSITIVE_INFINITY,
  };
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
}

function toServiceError(error: unknown, options: HandlerOptions, logger: Logger): ServerErrorResponse {
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
  return serviceError;
}

/** Wraps one async handler: correlation id, one log line per call, errors to gRPC statuses. */
function wrapUnary<Req, Res>(
  method: string,
  handler: UnaryHandler<Req, Res>,
  options: HandlerOptions,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = process.hrtime.bigint();
    const incoming = call.metadata.get(REQUEST_ID_KEY)[0];
    const deadline = call.getDeadline();
    const context = createCallContext({
      requestId: typeof incoming === 'string' && incoming.length > 0 ? incoming : undefined,
      logger: options.logger,
      metadata: call.metadata,
      deadline: deadline instanceof Date ? deadline.getTime() : deadline,
    });
    const { logger } = context;
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    handler(call.request, context).then(
      (response) => {
        logger.info({ method, code: 'OK', duration_ms: elapsed() }, 'rpc');
        callback(null, response);
      },
      (error: unknown) => {
        const serviceError = toServiceError(error, options, logger);
        const reason = error instanceof RpcError ? error.reason : 'INTERNAL';
        const code = status[serviceError.code ?? status.UNKNOWN];
        logger.info({ method, code, reason, duration_ms: elapsed() }, 'rpc');
        callback(serviceError);
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
