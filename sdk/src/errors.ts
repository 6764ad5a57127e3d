import type { Problem, ProblemCode, ProblemReason } from './types.js';

/**
 * Base class of every error the SDK throws. For HTTP errors `status`, `problem` (the
 * problem+json body), `reason` and `code` come from the server; `request_id` is the server's
 * (body, else the echoed X-Request-Id header) and, when no response came, the one the SDK sent.
 */
export class APIError extends Error {
  // Each class names itself: the published build is minified-friendly (no keepNames), so
  // `new.target.name` would be whatever a bundler renamed the class to.
  override readonly name: string = 'APIError';
  /** HTTP status; undefined when no response came (connection errors, aborts). */
  readonly status: number | undefined;
  /** The parsed problem+json body, when the server sent one. */
  readonly problem: Problem | undefined;
  /** Correlation id of the failed request (X-Request-Id). */
  readonly request_id: string | undefined;
  /** Machine-readable reason, e.g. "PRODUCT_NOT_FOUND", "VALIDATION_FAILED" (docs/errors.md). */
  readonly reason: ProblemReason | undefined;
  /** gRPC code name behind the error, e.g. "NOT_FOUND", when the server sent one. */
  readonly code: ProblemCode | undefined;
  /** Response headers, when a response came. */
  readonly headers: Headers | undefined;

  constructor(
    status: number | undefined,
    problem: Problem | undefined,
    message: string,
    init: { request_id?: string | undefined; headers?: Headers | undefined; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = status;
    this.problem = problem;
    this.request_id = problem?.request_id ?? init.request_id;
    this.reason = problem?.reason;
    this.code = problem?.code;
    this.headers = init.headers;
  }

  /** Builds the subclass that matches an HTTP status. @internal */
  static fromResponse(status: number, body: unknown, headers: Headers, sentRequestId: string): APIError {
    const problem = isProblem(body) ? body : undefined;
    const text = typeof body === 'string' && body ? body.slice(0, 200) : 'no problem body';
    const detail = problem ? `${problem.title}: ${problem.detail}` : text;
    const init = { request_id: headers.get('x-request-id') ?? sentRequestId, headers };
    const ErrorClass = errorClassFor(status);
    return new ErrorClass(status, problem, `${status} ${detail}`, init);
  }
}

/** 400: request validation failed (`problem.errors` names the fields), bad page token, malformed JSON. */
export class BadRequestError extends APIError {
  override readonly name: string = 'BadRequestError';
  declare readonly status: 400;
}
/** 401: missing or invalid API key. */
export class AuthenticationError extends APIError {
  override readonly name: string = 'AuthenticationError';
  declare readonly status: 401;
}
/** 403: the key may not do this. */
export class PermissionDeniedError extends APIError {
  override readonly name: string = 'PermissionDeniedError';
  declare readonly status: 403;
}
/** 404: unknown id (reason PRODUCT_NOT_FOUND / ORDER_NOT_FOUND) or route. */
export class NotFoundError extends APIError {
  override readonly name: string = 'NotFoundError';
  declare readonly status: 404;
}
/**
 * 409: a conflict with the resource's state; `reason` says which, e.g. "INSUFFICIENT_STOCK". Keyed
 * writes retry "IDEMPOTENCY_KEY_IN_USE" (the first request with the key still running) before this is thrown.
 */
export class ConflictError extends APIError {
  override readonly name: string = 'ConflictError';
  declare readonly status: 409;
}
/** 412: `ifMatch` named an entity-tag the resource is no longer at (reason "ETAG_MISMATCH"): read it again. */
export class PreconditionFailedError extends APIError {
  override readonly name: string = 'PreconditionFailedError';
  declare readonly status: 412;
}
/**
 * 422: the `idempotencyKey` was already used for a different request (reason
 * "IDEMPOTENCY_KEY_REUSED"); nothing was done. Use a new key for a new request.
 */
export class UnprocessableEntityError extends APIError {
  override readonly name: string = 'UnprocessableEntityError';
  declare readonly status: 422;
}
/** 429: rate limited; reads and keyed writes retry it (honouring Retry-After) before this is thrown. */
export class RateLimitError extends APIError {
  override readonly name: string = 'RateLimitError';
  declare readonly status: 429;
}
/** Any 5xx. */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError';
  declare readonly status: number;
}

/** No response came: the connection failed (refused, reset, DNS...). `cause` holds fetch's error. */
export class APIConnectionError extends APIError {
  override readonly name: string = 'APIConnectionError';
  declare readonly status: undefined;
  constructor(init: { request_id: string; cause?: unknown; message?: string }) {
    super(undefined, undefined, init.message ?? 'Connection error.', init);
  }
}

/** No response came within `timeoutMs`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override readonly name: string = 'APIConnectionTimeoutError';
  constructor(init: { request_id: string; timeoutMs: number }) {
    super({ request_id: init.request_id, message: `Request timed out after ${init.timeoutMs} ms.` });
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. Never retried. */
export class APIUserAbortError extends APIError {
  override readonly name: string = 'APIUserAbortError';
  declare readonly status: undefined;
  constructor(init: { request_id: string; cause?: unknown }) {
    super(undefined, undefined, 'Request was aborted.', init);
  }
}

/**
 * The call was refused before anything was sent: an invalid path parameter (an empty, "." or ".."
 * id), option or header value. `status` is undefined; the message names what is wrong. Never retried.
 */
export class APIInvalidRequestError extends APIError {
  override readonly name: string = 'APIInvalidRequestError';
  declare readonly status: undefined;
  constructor(message: string) {
    super(undefined, undefined, message);
  }
}

type ErrorClass = new (...args: ConstructorParameters<typeof APIError>) => APIError;

function errorClassFor(status: number): ErrorClass {
  switch (status) {
    case 400: return BadRequestError;
    case 401: return AuthenticationError;
    case 403: return PermissionDeniedError;
    case 404: return NotFoundError;
    case 409: return ConflictError;
    case 412: return PreconditionFailedError;
    case 422: return UnprocessableEntityError;
    case 429: return RateLimitError;
    default: return status >= 500 ? InternalServerError : APIError;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as { title?: unknown }).title === 'string'
    && typeof (body as { status?: unknown }).status === 'number';
}
