import { status } from '@grpc/grpc-js';

/** One invalid request field, named as in the proto (snake_case, dotted for nested fields). */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * The one error type handlers throw. It carries a gRPC status code, a stable machine-readable
 * reason and, for INVALID_ARGUMENT, the offending fields. Anything else thrown becomes INTERNAL.
 */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    readonly reason: string,
    message: string,
    readonly fieldViolations: FieldViolation[] = [],
    readonly metadata: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** INVALID_ARGUMENT with reason VALIDATION_FAILED listing every bad field. */
export function validationError(violations: FieldViolation[]): RpcError {
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new RpcError(status.INVALID_ARGUMENT, 'VALIDATION_FAILED', `invalid request: ${summary}`, violations);
}

/** NOT_FOUND naming the missing id, e.g. notFound('PRODUCT_NOT_FOUND', 'product', id). */
export function notFound(reason: string, kind: string, id: string): RpcError {
  return new RpcError(status.NOT_FOUND, reason, `${kind} ${id} not found`, [], { [`${kind}_id`]: id });
}
