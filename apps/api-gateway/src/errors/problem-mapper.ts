import type { ServiceError } from '@grpc/grpc-js';
import { REASONS, isReason, problemOf, problemType } from '@ecommerce/errors';
import { decodeServiceError } from '@ecommerce/grpc-kit';
import { ValidateError } from '@tsoa/runtime';
import { fromFieldViolations, fromTsoaFields } from './field-names.js';
import {
  GatewayProblem, malformedJson, malformedRequest, payloadTooLarge, unsupportedMediaType, validationDetail,
  validationFailed,
} from './gateway-problem.js';
import { codeName, genericDetail } from './problem-catalog.js';
import type { FieldError, ProblemDetails } from './problem-models.js';

/** Where the failed request came from: echoed in the problem. */
export interface ProblemContext {
  /** The request path. */
  instance: string;
  requestId: string;
  /** Field errors of the route's own checks, added to a schema (tsoa) failure for fields it did not flag. */
  edgeErrors?: FieldError[];
  /** The request body's members its operation does not declare (for tsoa's excess-property errors). */
  unknownFields?: string[] | undefined;
}

/** True for a failed grpc-js call (it carries a numeric code and metadata). */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number'
    && 'metadata' in error;
}

interface BodyParserError { type: string; limit?: number }

/** body-parser's errors carry a dotted `type`, e.g. "entity.parse.failed". */
function isBodyParserError(error: unknown): error is BodyParserError {
  const type = error instanceof Error ? (error as Partial<BodyParserError>).type : undefined;
  return typeof type === 'string' && type.includes('.');
}

/**
 * A client error raised by express itself: http-errors marked `expose`, or the router's URIError
 * (status 400) for a path that does not decode. Their messages are meant for the client.
 */
function isExposedClientError(error: unknown): error is Error & { status: number } {
  const { status, expose } = error instanceof Error ? (error as Error & { status?: unknown; expose?: unknown }) : {};
  return typeof status === 'number' && status >= 400 && status < 500 && (expose === true || error instanceof URIError);
}

/** Gateway-side failures -> a GatewayProblem; undefined when the error is not one of them. */
function gatewayProblemFor(error: unknown, edgeErrors: FieldError[], unknownFields?: string[]): GatewayProblem | undefined {
  if (error instanceof GatewayProblem) return error;
  if (error instanceof ValidateError) {
    const errors = fromTsoaFields(error.fields, unknownFields);
    return validationFailed([...errors, ...edgeErrors.filter((extra) => !errors.some((e) => e.field === extra.field))]);
  }
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed': return malformedJson();
      case 'entity.too.large': return payloadTooLarge(error.limit ?? 0);
      case 'encoding.unsupported':
      case 'charset.unsupported': return unsupportedMediaType();
      default: return malformedJson();
    }
  }
  return isExposedClientError(error) ? malformedRequest(error.message) : undefined;
}

/** A failed upstream call -> problem. Only messages our services wrote on purpose reach the client. */
function upstreamProblem(error: ServiceError, context: ProblemContext): ProblemDetails {
  const decoded = decodeServiceError(error);
  const code = codeName(decoded.code);
  const reason = isReason(decoded.reason) ? decoded.reason : undefined;
  const { status, title, type } = problemOf(reason, code);
  const errors = fromFieldViolations(decoded.fieldViolations);
  // ErrorDetails (with its domain) is attached only by the services' RpcError mapping; a bare
  // status comes from grpc-js itself (connection refused, deadline) and names internal addresses.
  const deliberate = decoded.domain !== undefined && decoded.reason !== 'INTERNAL';
  let detail: string;
  if (status >= 500 && !(deliberate && (status === 503 || status === 504))) detail = genericDetail(status);
  else if (errors.length > 0) detail = validationDetail(errors);
  else detail = deliberate ? decoded.message : `${title}.`;
  return {
    type,
    title,
    status,
    detail,
    instance: context.instance,
    request_id: context.requestId,
    code,
    ...(reason !== undefined && { reason }),
    ...(errors.length > 0 && { errors }),
  };
}

/**
 * The one mapping from anything a route can throw to problem details (RFC 9457). Unknown errors
 * become a 500 whose body says nothing about them; the caller logs the original.
 */
export function toProblem(error: unknown, context: ProblemContext): ProblemDetails {
  if (isServiceError(error)) return upstreamProblem(error, context);
  const gateway = gatewayProblemFor(error, context.edgeErrors ?? [], context.unknownFields);
  const key = gateway?.reason ?? 'INTERNAL';
  return {
    type: problemType(key),
    title: REASONS[key].title,
    status: REASONS[key].http,
    detail: gateway?.detail ?? genericDetail(500),
    instance: context.instance,
    request_id: context.requestId,
    ...(gateway?.code !== undefined && { code: gateway.code }),
    reason: key,
    ...(gateway && gateway.errors.length > 0 && { errors: gateway.errors }),
  };
}
