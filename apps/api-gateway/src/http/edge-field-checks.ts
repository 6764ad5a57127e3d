import type { Request } from 'express';
import type { FieldError } from '../errors/problem-models.js';
import { productMoneyErrors } from '../products/product-mapper.js';

/**
 * Field rules a route checks beyond its schema (tsoa), by route. When the schema check fails, the
 * error handler adds these for the fields the schema did not flag, so one 400 lists every bad
 * field whichever stage finds it.
 */
const CHECKS: { method: string; path: RegExp; check: (body: unknown) => FieldError[] }[] = [
  { method: 'POST', path: /^\/products$/, check: (body) => productMoneyErrors(body, 'create') },
  { method: 'PATCH', path: /^\/products\/[^/]+$/, check: (body) => productMoneyErrors(body, 'patch') },
];

/** The extra field errors of `req`'s route, if it has any. */
export function edgeFieldErrors(req: Request): FieldError[] {
  const path = req.path;
  return CHECKS.filter((entry) => entry.method === req.method && entry.path.test(path)).flatMap((entry) => entry.check(req.body));
}
