import { REASONS, type Reason } from '@ecommerce/errors';
import type { FieldError } from './problem-models.js';

/**
 * A problem the gateway finds by itself, before or without any upstream call: request validation,
 * unreadable bodies, unknown routes. Its status and code come from the catalogue (libs/errors).
 */
export class GatewayProblem extends Error {
  /**
   * The HTTP status, from the catalogue. A plain property rather than a getter: tsoa's
   * authentication step writes `error.status ||= 401` onto what an authentication module throws.
   */
  readonly status: number;
  /** gRPC code name when the problem has a gRPC equivalent (validation: INVALID_ARGUMENT). */
  readonly code: string | undefined;

  constructor(
    readonly reason: Reason,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** Response headers the problem needs, e.g. Allow on a 405, WWW-Authenticate on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'GatewayProblem';
    this.status = REASONS[reason].http;
    this.code = (REASONS[reason] as { code?: string }).code;
  }
}

/** "The request has 2 invalid fields: price, currency." */
export function validationDetail(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  const noun = fields.length === 1 ? 'field' : 'fields';
  return `The request has ${fields.length} invalid ${noun}: ${fields.join(', ')}.`;
}

/**
 * 400 VALIDATION_FAILED listing every invalid field. Same type, reason and code as the services'
 * own validation failures, so a client cannot tell (and need not care) which layer rejected it.
 */
export function validationFailed(errors: FieldError[]): GatewayProblem {
  return new GatewayProblem('VALIDATION_FAILED', validationDetail(errors), errors);
}

export function malformedJson(detail = 'The request body is not valid JSON.'): GatewayProblem {
  return new GatewayProblem('MALFORMED_JSON', detail);
}

export function payloadTooLarge(limitBytes: number): GatewayProblem {
  return new GatewayProblem('PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${limitBytes} bytes.`);
}

export function unsupportedMediaType(accepted: string[] = ['application/json']): GatewayProblem {
  return new GatewayProblem('UNSUPPORTED_MEDIA_TYPE', `Send the body as UTF-8 JSON (Content-Type: ${accepted.join(' or ')}).`);
}

export function methodNotAllowed(method: string, path: string, allowed: string[]): GatewayProblem {
  return new GatewayProblem('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; it takes ${allowed.join(', ')}.`, [], {
    Allow: allowed.join(', '),
  });
}

/** Any other request express could not read, e.g. a path with broken percent-encoding. */
export function malformedRequest(message: string): GatewayProblem {
  return new GatewayProblem('MALFORMED_REQUEST', `The request could not be read: ${message}.`);
}

export function routeNotFound(method: string, path: string): GatewayProblem {
  return new GatewayProblem('ROUTE_NOT_FOUND', `No route matches ${method} ${path}.`);
}
