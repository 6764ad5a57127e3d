import getRawBody from 'raw-body';
import { isLosslessNumber, isSafeNumber, parse } from 'lossless-json';
import type { RequestHandler } from 'express';
import type { FieldError } from '../errors/problem-models.js';
import { GatewayProblem, malformedJson, payloadTooLarge, unsupportedMediaType, validationFailed } from '../errors/gateway-problem.js';
import { requestPath } from './request-path.js';
import { bodyTypesFor } from './route-table.js';

/** Deepest nesting a body may have (the API's bodies are flat; this bounds the parser's recursion). */
export const MAX_BODY_DEPTH = 32;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** True when the request carries a body (a length over 0, or chunked). */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** "application/json; charset=utf-8" -> its media type, if the charset (when given) is UTF-8. */
function mediaType(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8' ? type : undefined;
}

/** Nesting depth of a JSON text, counted outside strings, or Infinity once it passes `max`. */
function depthOf(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return Number.POSITIVE_INFINITY;
      deepest = Math.max(deepest, depth);
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

/**
 * The parsed body with every number made a JS number, and the fields whose value would not
 * survive that: numbers with more precision than a double (19.999999999999999999 is not 20) and
 * strings that are not well-formed Unicode (a lone surrogate from a "\ud800" escape).
 */
function settle(value: unknown, path: string, errors: FieldError[]): unknown {
  if (isLosslessNumber(value)) {
    if (isSafeNumber(value.value)) return Number(value.value);
    errors.push({ field: path || 'body', message: 'has more digits than a number holds exactly; it would be rounded' });
    return Number(value.value);
  }
  if (typeof value === 'string') {
    if (!value.isWellFormed()) errors.push({ field: path || 'body', message: 'must be valid Unicode text (it has a lone surrogate)' });
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => settle(item, `${path}[${index}]`, errors));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, settle(item, path ? `${path}.${key}` : key, errors)]));
  }
  return value;
}

/** JSON text -> the body, or the problem that refuses it. */
function parseBody(bytes: Buffer): unknown {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw malformedJson('The request body is not valid UTF-8.');
  }
  if (depthOf(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) throw malformedJson(`The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw malformedJson(`The request body is not valid JSON: ${(error as Error).message}.`);
  }
  const errors: FieldError[] = [];
  const body = settle(parsed, '', errors);
  if (errors.length > 0) throw validationFailed(errors);
  return body;
}

/**
 * Reads and parses the body of the operations that take one, instead of express.json():
 * - only where the spec declares a body, and only in a media type it declares (else 415);
 * - a declared Content-Length over the limit is 413 before anything is read, a streamed body as
 *   soon as it passes the limit (the error handler then closes the connection: the rest is
 *   never read);
 * - UTF-8 only, strictly (invalid bytes are 400, never U+FFFD);
 * - numbers are read from their text (lossless-json): one a double cannot hold exactly is a 400
 *   naming the field, never silently rounded; lone surrogates are a 400 too; duplicate keys are
 *   malformed JSON.
 * Bodies sent to operations that take none are not read.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    const accepted = bodyTypesFor(req.method, requestPath(req));
    if (!accepted || !hasBody(req.headers)) {
      next();
      return;
    }
    const type = mediaType(req.headers['content-type']);
    if (!type || !accepted.includes(type)) {
      next(unsupportedMediaType(accepted));
      return;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limitBytes) {
      next(payloadTooLarge(limitBytes));
      return;
    }
    getRawBody(req, { limit: limitBytes, length: declared ?? null }).then(
      (bytes) => {
        try {
          req.body = parseBody(bytes);
          next();
        } catch (error) {
          next(error);
        }
      },
      (error: { type?: string }) => next(error.type === 'entity.too.large' ? payloadTooLarge(limitBytes) : toReadProblem(error)),
    );
  };
}

/** A body that could not be read to its end (aborted, shorter than declared). */
function toReadProblem(error: unknown): GatewayProblem | unknown {
  const type = (error as { type?: string }).type;
  if (type === 'request.aborted' || type === 'request.size.invalid') return malformedJson('The request body ended before its declared length.');
  return error;
}
