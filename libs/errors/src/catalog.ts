/**
 * The platform's closed set of errors, declared once. Every error a service or the gateway
 * produces has a reason here (or, for failures grpc-js itself reports, only a gRPC code below).
 * From this table come: the gRPC ErrorDetails (RpcError takes a Reason and its code from here),
 * the gateway's HTTP mapping, the spec's enums for `reason`, `code` and `type`, the problem
 * examples of every operation, the SDK's `reason` union, and docs/errors.md.
 *
 * Adding a reason is one edit here, then `npx nx run-many -t update-spec update-docs`. Only
 * reasons that something produces belong here (a test checks each is raised somewhere).
 */

/** gRPC status code names (grpc-js's `status` enum), as they appear in problem bodies (`code`). */
export type GrpcCodeName =
  | 'CANCELLED' | 'UNKNOWN' | 'INVALID_ARGUMENT' | 'DEADLINE_EXCEEDED' | 'NOT_FOUND' | 'ALREADY_EXISTS'
  | 'PERMISSION_DENIED' | 'RESOURCE_EXHAUSTED' | 'FAILED_PRECONDITION' | 'ABORTED' | 'OUT_OF_RANGE'
  | 'UNIMPLEMENTED' | 'INTERNAL' | 'UNAVAILABLE' | 'DATA_LOSS' | 'UNAUTHENTICATED';

export interface CodeEntry {
  /** HTTP status at the REST edge (docs/conventions.md, "REST contract"). */
  http: number;
  /** Problem title when a failure has this code and no reason. */
  title: string;
  /** For the codes the gateway answers with on its own (no reason): when, and an example `detail`. */
  meaning?: string;
  example?: string;
}

/** Every gRPC code a call can fail with, and what the gateway answers for it when there is no reason. */
export const CODES: Record<GrpcCodeName, CodeEntry> = {
  INVALID_ARGUMENT: { http: 400, title: 'Invalid argument' },
  FAILED_PRECONDITION: { http: 400, title: 'Failed precondition' },
  OUT_OF_RANGE: { http: 400, title: 'Out of range' },
  UNAUTHENTICATED: { http: 401, title: 'Unauthenticated' },
  PERMISSION_DENIED: { http: 403, title: 'Permission denied' },
  NOT_FOUND: { http: 404, title: 'Not found' },
  ALREADY_EXISTS: { http: 409, title: 'Already exists' },
  ABORTED: { http: 409, title: 'Aborted' },
  RESOURCE_EXHAUSTED: { http: 429, title: 'Resource exhausted' },
  CANCELLED: { http: 499, title: 'Request cancelled' },
  UNIMPLEMENTED: { http: 501, title: 'Not implemented' },
  UNAVAILABLE: {
    http: 503, title: 'Service unavailable', meaning: 'The gateway cannot reach a service this request needs; retry later.',
    example: 'A service this request needs is unavailable; try again shortly.',
  },
  DEADLINE_EXCEEDED: {
    http: 504, title: 'Upstream deadline exceeded', meaning: 'A service did not answer within GRPC_TIMEOUT_MS.',
    example: 'A service this request needs did not answer in time; try again shortly.',
  },
  UNKNOWN: { http: 500, title: 'Unknown error' },
  INTERNAL: { http: 500, title: 'Internal error' },
  DATA_LOSS: { http: 500, title: 'Data loss' },
};

export interface ReasonEntry {
  /** gRPC code the reason travels with; absent for what only the HTTP edge can see. */
  code?: GrpcCodeName;
  /** HTTP status; the code's unless a reason refines it (e.g. 409 for a stock conflict). */
  http: number;
  /** The same for every occurrence (RFC 9457 `title`). */
  title: string;
  /** One line for the docs and the spec: when this happens. */
  meaning: string;
  /** Who raises it. */
  raisedBy: 'services' | 'product-service' | 'order-service' | 'gateway';
  /** An example `detail`, for the spec's examples. */
  example: string;
}

/** Every reason, each with its code, status, title and meaning. */
export const REASONS = {
  VALIDATION_FAILED: {
    code: 'INVALID_ARGUMENT', http: 400, title: 'Request validation failed', raisedBy: 'services',
    meaning: 'A body, query or path field is invalid; `errors` (gRPC: field_violations) names every one, as the client named it.',
    example: 'The request has 1 invalid field: price.',
  },
  REQUEST_METADATA_INVALID: {
    code: 'INVALID_ARGUMENT', http: 400, title: 'Request metadata refused', raisedBy: 'services',
    meaning: 'gRPC only: the call\'s metadata is refused before anything runs: an x-request-id that is not 1 to 128 printable ASCII characters without spaces, an x-idempotency-scope that is not 1 to 64 letters, digits, `.`, `_` or `-`, or more than 8 KB of metadata in all. (Request messages over 64 KB are grpc-js\'s RESOURCE_EXHAUSTED.)',
    example: 'x-request-id must be 1 to 128 printable ASCII characters without spaces',
  },
  UNDECODABLE_REQUEST: {
    code: 'INVALID_ARGUMENT', http: 400, title: 'Undecodable request', raisedBy: 'services',
    meaning: 'gRPC only: the request message could not be decoded, e.g. a string field holds invalid UTF-8 (proto3 strings are UTF-8; nothing is stored as U+FFFD).',
    example: 'the request message could not be decoded: The encoded data was not valid for encoding utf-8',
  },
  MALFORMED_JSON: {
    code: 'INVALID_ARGUMENT', http: 400, title: 'Malformed JSON body', raisedBy: 'gateway',
    meaning: 'The body is not valid JSON: a syntax error, a duplicate key, invalid UTF-8, or nesting deeper than 32 levels.',
    example: 'The request body is not valid JSON: Object key expected but got \'}\' at position 14.',
  },
  MALFORMED_REQUEST: {
    http: 400, title: 'Malformed request', raisedBy: 'gateway',
    meaning: 'The request cannot be read: a path with broken percent-encoding (`%zz`), or a request Node\'s HTTP parser refuses (a bad or duplicate Content-Length, Transfer-Encoding with Content-Length, a bare CR or LF, a NUL in a header); the connection is then closed.',
    example: 'The request could not be read: Failed to decode param \'%zz\'.',
  },
  PAYLOAD_TOO_LARGE: {
    http: 413, title: 'Request body too large', raisedBy: 'gateway',
    meaning: 'The body is over 1 MB: refused as soon as its declared length or the bytes received pass the limit, and the connection is closed (the rest is never read).',
    example: 'The request body exceeds the limit of 1048576 bytes.',
  },
  HEADERS_TOO_LARGE: {
    http: 431, title: 'Request header fields too large', raisedBy: 'gateway',
    meaning: 'The request line and headers together are over 16 KB (Node\'s limit); the connection is closed.',
    example: 'The request line and headers exceed 16 KB.',
  },
  REQUEST_TIMEOUT: {
    http: 408, title: 'Request timeout', raisedBy: 'gateway',
    meaning: 'The request did not arrive in time: its headers within HTTP_HEADERS_TIMEOUT_MS, or all of it within HTTP_REQUEST_TIMEOUT_MS; the connection is closed.',
    example: 'The request was not received within 30000 ms.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    http: 415, title: 'Unsupported media type', raisedBy: 'gateway',
    meaning: 'A body the operation takes came in another media type or charset than UTF-8 JSON (the operation\'s declared types).',
    example: 'Send the body as UTF-8 JSON (Content-Type: application/json).',
  },
  METHOD_NOT_ALLOWED: {
    http: 405, title: 'Method not allowed', raisedBy: 'gateway',
    meaning: 'The path exists but does not take this method; `Allow` lists the ones it takes.',
    example: 'DELETE is not allowed on /products; it takes GET, HEAD, POST.',
  },
  ROUTE_NOT_FOUND: {
    http: 404, title: 'No such route', raisedBy: 'gateway',
    meaning: 'No route has this path and method.', example: 'No route matches GET /nope.',
  },
  API_KEY_MISSING: {
    code: 'UNAUTHENTICATED', http: 401, title: 'API key required', raisedBy: 'gateway',
    meaning: 'The operation needs an API key and the request has none: send `Authorization: Bearer <key>` (`WWW-Authenticate: Bearer` says so). Only while keys are configured (API_KEYS or API_KEYS_FILE).',
    example: 'This operation needs an API key: send Authorization: Bearer <key>.',
  },
  API_KEY_INVALID: {
    code: 'UNAUTHENTICATED', http: 401, title: 'API key not valid', raisedBy: 'gateway',
    meaning: 'The bearer token is not one of the configured API keys (`WWW-Authenticate: Bearer error="invalid_token"`).',
    example: 'The API key is not valid.',
  },
  INSUFFICIENT_SCOPE: {
    code: 'PERMISSION_DENIED', http: 403, title: 'Insufficient scope', raisedBy: 'gateway',
    meaning: 'The API key is valid but lacks the scope the operation needs (`detail` and `WWW-Authenticate: Bearer error="insufficient_scope", scope="..."` name it).',
    example: 'This API key lacks the scope orders:read.',
  },
  RATE_LIMITED: {
    code: 'RESOURCE_EXHAUSTED', http: 429, title: 'Rate limit exceeded', raisedBy: 'gateway',
    meaning: 'Too many requests from this API key (or, without one, this client address) in the window (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); retry after `Retry-After` seconds. `RateLimit` and `RateLimit-Policy` say where you stand.',
    example: 'More than 100 requests in 60 s; retry in 42 s.',
  },
  PRODUCT_NOT_FOUND: {
    code: 'NOT_FOUND', http: 404, title: 'Product not found', raisedBy: 'product-service',
    meaning: 'No product has this id (a GET, or an order naming an unknown product, on product-service\'s own word).',
    example: 'product 550e8400-e29b-41d4-a716-446655440000 not found',
  },
  ETAG_MISMATCH: {
    code: 'FAILED_PRECONDITION', http: 412, title: 'Entity tag mismatch', raisedBy: 'product-service',
    meaning: 'If-Match names none of the resource\'s current entity-tags: someone changed it since you read it; read it again, then retry.',
    example: 'product 550e8400-e29b-41d4-a716-446655440000 is at "4", not "3"',
  },
  INSUFFICIENT_STOCK: {
    code: 'FAILED_PRECONDITION', http: 409, title: 'Insufficient stock', raisedBy: 'product-service',
    meaning: 'Fewer units are available than the order asks for; nothing was reserved (`detail` and metadata `available` say how many are).',
    example: 'product 550e8400-e29b-41d4-a716-446655440000 has 1 available, 2 ordered',
  },
  RESERVATION_RELEASED: {
    code: 'ABORTED', http: 409, title: 'Reservation released', raisedBy: 'product-service',
    meaning: 'To order-service only: this order\'s reservation was already released (the order was abandoned or cancelled), so nothing is reserved again.',
    example: 'the reservation of order 550e8400-e29b-41d4-a716-446655440001 was released',
  },
  IDEMPOTENCY_KEY_REUSED: {
    code: 'INVALID_ARGUMENT', http: 422, title: 'Idempotency key reused', raisedBy: 'services',
    meaning: 'This Idempotency-Key was used for a different request (another operation, body or If-Match); nothing was done. Use a new key for a new request.',
    example: 'Idempotency-Key "order-2026-12-01-0042" was used with a different request',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    code: 'ABORTED', http: 409, title: 'Idempotency key in use', raisedBy: 'order-service',
    meaning: 'A request with this Idempotency-Key is still being processed; retry after `Retry-After` seconds to get its outcome.',
    example: 'a request with Idempotency-Key "order-2026-12-01-0042" is still in progress; retry shortly',
  },
  ORDER_NOT_FOUND: {
    code: 'NOT_FOUND', http: 404, title: 'Order not found', raisedBy: 'order-service',
    meaning: 'No order has this id.', example: 'order 550e8400-e29b-41d4-a716-446655440001 not found',
  },
  PRODUCT_SERVICE_UNAVAILABLE: {
    code: 'UNAVAILABLE', http: 503, title: 'Product service unavailable', raisedBy: 'order-service',
    meaning: 'order-service could not reach product-service; retry later (never reported as "not found").',
    example: 'product-service is unavailable; retry later',
  },
  PRODUCT_SERVICE_TIMEOUT: {
    code: 'DEADLINE_EXCEEDED', http: 504, title: 'Product service timed out', raisedBy: 'order-service',
    meaning: 'product-service did not answer order-service within PRODUCT_CALL_TIMEOUT_MS.',
    example: 'product-service did not answer within 2000 ms; retry later',
  },
  INTERNAL: {
    code: 'INTERNAL', http: 500, title: 'Internal error', raisedBy: 'services',
    meaning: 'An unexpected failure; the cause is logged, never returned (quote `request_id`).',
    example: 'The request could not be completed because of an internal error.',
  },
} as const satisfies Record<string, ReasonEntry>;

/** A reason the platform produces, e.g. "PRODUCT_NOT_FOUND". */
export type Reason = keyof typeof REASONS;

/** A reason a service can raise over gRPC: one that has a gRPC code (the others exist only at the HTTP edge). */
export type ServiceReason = { [K in Reason]: (typeof REASONS)[K] extends { code: GrpcCodeName } ? K : never }[Reason];

/** The gRPC code of a service reason; throws for anything else (a reason only the HTTP edge raises, or none). */
export function codeOf(reason: ServiceReason): GrpcCodeName {
  const code = isReason(reason) ? (REASONS[reason] as { code?: GrpcCodeName }).code : undefined;
  if (!code) throw new TypeError(`${String(reason)} is not a reason a service can raise (libs/errors/src/catalog.ts)`);
  return code;
}

/** Base of every problem `type` URI. */
export const PROBLEM_TYPE_BASE = 'https://ecommerce.example.com/problems/';

/** "PRODUCT_NOT_FOUND" -> "https://ecommerce.example.com/problems/product-not-found". */
export function problemType(reasonOrCode: Reason | GrpcCodeName): string {
  return PROBLEM_TYPE_BASE + reasonOrCode.toLowerCase().replaceAll('_', '-');
}

/** Every reason, as a list. */
export const REASON_NAMES = Object.keys(REASONS) as Reason[];
/** Every gRPC code name a failure can carry. */
export const CODE_NAMES = Object.keys(CODES) as GrpcCodeName[];

export function isReason(value: string | undefined): value is Reason {
  return value !== undefined && Object.hasOwn(REASONS, value);
}

/** HTTP status, title and type URI of a failure: by its reason when it has one, else by its code. */
export function problemOf(reason: string | undefined, code: GrpcCodeName): { status: number; title: string; type: string } {
  if (isReason(reason)) {
    const entry: ReasonEntry = REASONS[reason];
    return { status: entry.http, title: entry.title, type: problemType(reason) };
  }
  return { status: CODES[code].http, title: CODES[code].title, type: problemType(code) };
}
