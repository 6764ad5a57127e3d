import { status } from '@grpc/grpc-js';
import { CODES, type GrpcCodeName } from '@ecommerce/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** gRPC code number -> name, e.g. 5 -> "NOT_FOUND" (codes outside the catalogue count as UNKNOWN). */
export function codeName(code: status): GrpcCodeName {
  const name = status[code] as string | undefined;
  return name !== undefined && Object.hasOwn(CODES, name) ? (name as GrpcCodeName) : 'UNKNOWN';
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
