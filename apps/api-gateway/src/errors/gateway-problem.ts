import type { FieldError } from './problem-models.js';

/**
 * A problem the gateway finds by itself, before or without any upstream call: request validation,
 * unreadable bodies, unknown routes. The error handler turns it into problem details as it is.
 */
export class GatewayProblem extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** gRPC code name when the problem has a gRPC equivalent (validation: INVALID_ARGUMENT). */
    readonly code?: string,
  ) {
    super(detail);
    this.name = 'GatewayProblem';
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
  return new GatewayProblem(400, 'VALIDATION_FAILED', validationDetail(errors), errors, 'INVALID_ARGUMENT');
}

export function malformedJson(): GatewayProblem {
  return new GatewayProblem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.', [], 'INVALID_ARGUMENT');
}

export function payloadTooLarge(limitBytes: number): GatewayProblem {
  return new GatewayProblem(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${limitBytes} bytes.`);
}

export function unsupportedMediaType(): GatewayProblem {
  return new GatewayProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON (Content-Type: application/json).');
}

/** Any other request express could not read, e.g. a path with broken percent-encoding. */
export function malformedRequest(status: number, message: string): GatewayProblem {
  return new GatewayProblem(status, 'MALFORMED_REQUEST', `The request could not be read: ${message}.`);
}

export function routeNotFound(method: string, path: string): GatewayProblem {
  return new GatewayProblem(404, 'ROUTE_NOT_FOUND', `No route matches ${method} ${path}.`);
}
