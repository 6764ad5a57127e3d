import type { FieldViolation } from '@ecommerce/grpc-kit';
import type { FieldError } from './problem-models.js';

/**
 * gRPC request fields whose REST name differs: REST flattens Money into `price` + `currency`.
 * Every other field (page_size, page_token, product_id, quantity, id, name, ...) keeps its name.
 */
const REST_NAMES: Record<string, string> = {
  'price.amount_minor': 'price',
  'price.currency': 'currency',
};

/** A service's field violations, renamed to the JSON body / query names. */
export function fromFieldViolations(violations: FieldViolation[]): FieldError[] {
  return violations.map((v) => ({ field: REST_NAMES[v.field] ?? v.field, message: v.description }));
}

/** tsoa's terse built-in messages, in the platform's wording. */
const MESSAGES: Record<string, string> = {
  'invalid string value': 'must be a string',
  'invalid float number': 'must be a number',
  'invalid double number': 'must be a number',
  'invalid integer number': 'must be an integer',
  'invalid object': 'must be a JSON object',
};

const EXCESS = /^"(.*)" is an excess property and therefore is not allowed$/;
const REQUIRED = /^'.*' is required$/;

/**
 * tsoa's ValidateError fields -> field errors. tsoa names body fields "body.price" and reports
 * unknown properties on the parent object; the client sent "price" and "colour", so that is what
 * the errors name (`unknownFields`, when given, are the body's undeclared members). Parameters
 * (page_size, id) keep their names.
 */
export function fromTsoaFields(fields: Record<string, { message: string }>, unknownFields?: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, { message }] of Object.entries(fields)) {
    const path = key.replace(/^body(\.|$)/, '');
    const excess = EXCESS.exec(message);
    if (excess && path === '' && unknownFields) {
      // tsoa joins the unknown keys with commas, which keys may contain: the body itself says which they are.
      for (const field of unknownFields) errors.push({ field, message: 'is not a known field' });
    } else if (excess) {
      // Models report each unknown key under its own path; inline objects list them on the parent.
      for (const name of (excess[1] ?? '').split(',')) {
        const field = path === name || path.endsWith(`.${name}`) ? path : [path, name].filter(Boolean).join('.');
        errors.push({ field, message: 'is not a known field' });
      }
    } else if (path === '') {
      errors.push({ field: 'body', message: 'must be a JSON object (Content-Type: application/json)' });
    } else {
      errors.push({ field: path, message: REQUIRED.test(message) ? 'is required' : (MESSAGES[message] ?? message) });
    }
  }
  return errors;
}
