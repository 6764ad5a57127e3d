import { status } from '@grpc/grpc-js';

/** Base of every problem `type` URI; the README documents each one. */
export const PROBLEM_TYPE_BASE = 'https://ecommerce.example.com/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** gRPC code -> HTTP status, exactly as docs/conventions.md pins it; codes not listed are 500. */
const STATUS_BY_CODE: Partial<Record<status, number>> = {
  [status.INVALID_ARGUMENT]: 400,
  [status.FAILED_PRECONDITION]: 400,
  [status.OUT_OF_RANGE]: 400,
  [status.UNAUTHENTICATED]: 401,
  [status.PERMISSION_DENIED]: 403,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.ABORTED]: 409,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.CANCELLED]: 499,
  [status.UNIMPLEMENTED]: 501,
  [status.UNAVAILABLE]: 503,
  [status.DEADLINE_EXCEEDED]: 504,
};

/** Reasons that refine the status their code would give. */
const STATUS_BY_REASON: Record<string, number> = {
  INSUFFICIENT_STOCK: 409,
  ETAG_MISMATCH: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
};

/** HTTP status of a failed upstream call. */
export function httpStatusFor(code: status, reason: string | undefined): number {
  return (reason !== undefined ? STATUS_BY_REASON[reason] : undefined) ?? STATUS_BY_CODE[code] ?? 500;
}

/** "PRODUCT_NOT_FOUND" -> "https://ecommerce.example.com/problems/product-not-found". */
export function problemType(reasonOrCode: string): string {
  return PROBLEM_TYPE_BASE + reasonOrCode.toLowerCase().replaceAll('_', '-');
}

/** Titles of the problems people meet; any other reason or code gets its words in sentence case. */
const TITLES: Record<string, string> = {
  VALIDATION_FAILED: 'Request validation failed',
  MALFORMED_JSON: 'Malformed JSON body',
  MALFORMED_REQUEST: 'Malformed request',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  ROUTE_NOT_FOUND: 'No such route',
  PRODUCT_NOT_FOUND: 'Product not found',
  ORDER_NOT_FOUND: 'Order not found',
  INSUFFICIENT_STOCK: 'Insufficient stock',
  UNAVAILABLE: 'Service unavailable',
  DEADLINE_EXCEEDED: 'Upstream deadline exceeded',
  INTERNAL: 'Internal error',
  PRODUCT_SERVICE_UNAVAILABLE: 'Product service unavailable',
  PRODUCT_SERVICE_TIMEOUT: 'Product service timed out',
};

/** Stable title of a reason or code name: the same for every occurrence of a problem type. */
export function problemTitle(reasonOrCode: string): string {
  const known = TITLES[reasonOrCode];
  if (known) return known;
  const words = reasonOrCode.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Sentence used as `detail` when the upstream's own message must not reach the client. */
export function genericDetail(httpStatus: number): string {
  switch (httpStatus) {
    case 503: return 'A service this request needs is unavailable; try again shortly.';
    case 504: return 'A service this request needs did not answer in time; try again shortly.';
    case 499: return 'The request was cancelled.';
    case 501: return 'The server does not support this operation.';
    default: return 'The request could not be completed because of an internal error.';
  }
}

/** gRPC code number -> name, e.g. 5 -> "NOT_FOUND". */
export function codeName(code: status): string {
  return status[code] ?? 'UNKNOWN';
}
