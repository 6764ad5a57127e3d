import { z } from 'zod';
import { validationError, type FieldViolation } from './rpc-error.js';

/** ts-proto's camelCase field name -> the proto's own snake_case name ("amountMinor" -> "amount_minor"). */
function protoFieldName(segment: PropertyKey): string {
  return String(segment).replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Converts zod issues on a request message to field violations. Schemas validate the ts-proto
 * message as it arrives (camelCase); violations name the proto's fields (snake_case, dotted), the
 * one naming the gateway maps to REST names. This is the only place the names are converted.
 */
export function toViolations(error: z.ZodError): FieldViolation[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(protoFieldName).join('.') || 'request',
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
