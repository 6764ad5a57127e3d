import { z } from 'zod';
import { validationError, type FieldViolation } from './rpc-error.js';

/** Converts zod issues to field violations; paths are the proto field names (snake_case, dotted). */
export function toViolations(error: z.ZodError): FieldViolation[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'request',
    description: issue.message,
  }));
}

/** Parses `input` with `schema`, or throws INVALID_ARGUMENT (VALIDATION_FAILED) with every violation. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(toViolations(result.error));
  return result.data;
}

const uuidSchema = z.uuid();

/** Returns the lower-cased id, or throws INVALID_ARGUMENT on `field` when it is not a UUID. */
export function requireUuid(id: string, field = 'id'): string {
  if (!uuidSchema.safeParse(id).success) {
    throw validationError([{ field, description: `must be a UUID, got "${id.slice(0, 64)}"` }]);
  }
  return id.toLowerCase();
}
