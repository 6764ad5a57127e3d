import { status } from '@grpc/grpc-js';
import { codeOf, type ServiceReason } from '@ecommerce/errors';

/** One invalid request field, named as in the proto (snake_case, dotted for nested fields). */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * The one error type handlers throw: a reason from the catalogue (libs/errors), which fixes the
 * gRPC status code, plus a message for people and, for INVALID_ARGUMENT, the offending fields.
 * Anything else thrown becomes INTERNAL.
 */
export class RpcError extends Error {
  /** The gRPC status code of the reason. */
  readonly code: status;

  constructor(
    readonly reason: ServiceReason,
    message: string,
    readonly fieldViolations: FieldViolation[] = [],
    readonly metadata: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RpcError';
    this.code = status[codeOf(reason)];
  }
}

/** INVALID_ARGUMENT with reason VALIDATION_FAILED listing every bad field. */
export function validationError(violations: FieldViolation[]): RpcError {
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new RpcError('VALIDATION_FAILED', `invalid request: ${summary}`, violations);
}

/** NOT_FOUND naming the missing id, e.g. notFound('PRODUCT_NOT_FOUND', 'product', id). */
export function notFound(reason: 'PRODUCT_NOT_FOUND' | 'ORDER_NOT_FOUND', kind: string, id: string): RpcError {
  return new RpcError(reason, `${kind} ${id} not found`, [], { [`${kind}_id`]: id });
}
