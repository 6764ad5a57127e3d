// Finishing touches on tsoa's spec that its decorators cannot express. A pure function of the
// spec and the error catalogue (libs/errors), so the generated file depends only on the
// controllers, the catalogue and this file.
import { CODES, CODE_NAMES, PROBLEM_TYPE_BASE, REASONS, REASON_NAMES, problemType, type GrpcCodeName, type Reason } from '@ecommerce/errors';
import { BEARER_SCHEME } from '../src/access/scopes.js';
import { UNLIMITED_PATHS } from '../src/access/unlimited-paths.js';

const PROBLEM = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/ProblemDetails';
/** The operation extension a controller lists its problems in (`@Extension('x-problems', [...])`). */
const PROBLEMS_EXTENSION = 'x-problems';
const EXAMPLE_REQUEST_ID = '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10';
/** The ids the examples use: the README's product and order. */
const EXAMPLE_IDS: Record<string, string> = { products: '550e8400-e29b-41d4-a716-446655440000', orders: '550e8400-e29b-41d4-a716-446655440001' };

const REQUEST_ID_PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Correlation id for this request: printable ASCII without spaces, at most 128 characters. '
    + 'Absent or unacceptable: the gateway generates one. Echoed in the response and in problem bodies.',
  // No example: Swagger UI would send it with every "Try it out", giving all those calls one id.
  schema: { type: 'string', maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
};

const REQUEST_ID_HEADER = {
  description: 'The request\'s correlation id: the one sent, or the one the gateway generated.',
  required: true,
  schema: { type: 'string' },
};

const REPLAYED_HEADER = {
  description: '"true" when this answer is the stored outcome of an earlier request with the same Idempotency-Key '
    + '(same status and body as the first time); absent otherwise. A refusal that was stored (not found, a stale '
    + 'If-Match, insufficient stock) comes back with it too.',
  required: false,
  schema: { type: 'string', enum: ['true'] },
};

const RETRY_AFTER_HEADER = {
  description: 'Seconds to wait before retrying: a service this request needs is unavailable for now (503), '
    + 'the first request with this Idempotency-Key is still running (409 idempotency-key-in-use), '
    + 'or the rate limit\'s window resets (429).',
  required: false,
  schema: { type: 'integer', minimum: 0 },
};

const WWW_AUTHENTICATE_HEADER = {
  description: 'The challenge (RFC 6750): `Bearer realm="ecommerce"` when no key was sent, with `error="invalid_token"` '
    + 'for a key that is not valid, and `error="insufficient_scope", scope="..."` (403) for one that lacks the scope.',
  required: true,
  schema: { type: 'string' },
};

const RATE_LIMIT_HEADER = {
  description: 'Where this client stands in the window (IETF RateLimit header fields, draft 8): `"<policy>"; r=<remaining>; t=<seconds to reset>`. '
    + 'Sent on every counted response while a rate limit is configured.',
  required: true,
  schema: { type: 'string' },
};

const RATE_LIMIT_POLICY_HEADER = {
  description: 'The limit (IETF RateLimit header fields, draft 8): `"<policy>"; q=<requests>; w=<window seconds>; pk=:<partition>:`.',
  required: true,
  schema: { type: 'string' },
};

/** What an operation that needs an API key can answer with, besides its own problems. */
const KEY_PROBLEMS = ['API_KEY_MISSING', 'API_KEY_INVALID', 'INSUFFICIENT_SCOPE'];
/** What every rate-limited operation can answer with. */
const RATE_PROBLEMS = ['RATE_LIMITED'];

/**
 * Request fields that must be greater than their minimum, which tsoa's tags cannot say (OpenAPI
 * 3.0's boolean exclusiveMinimum); the gateway's money check enforces it.
 */
const EXCLUSIVE_MINIMUMS: [schema: string, property: string][] = [['CreateProductRequest', 'price'], ['UpdateProductRequest', 'price']];

/* eslint-disable @typescript-eslint/no-explicit-any -- the spec is JSON as tsoa wrote it */
type Json = any;

/** A problem an operation declares: a reason from the catalogue, or a bare gRPC code. */
function describe(name: string): { status: number; title: string; meaning: string; example: string; reason?: Reason; code?: GrpcCodeName } {
  if (Object.hasOwn(REASONS, name)) {
    const entry: { code?: GrpcCodeName; http: number; title: string; meaning: string; example: string } = REASONS[name as Reason];
    return { status: entry.http, title: entry.title, meaning: entry.meaning, example: entry.example, reason: name as Reason, ...(entry.code && { code: entry.code }) };
  }
  if (Object.hasOwn(CODES, name)) {
    const entry = CODES[name as GrpcCodeName];
    return { status: entry.http, title: entry.title, meaning: entry.meaning ?? entry.title, example: entry.example ?? `${entry.title}.`, code: name as GrpcCodeName };
  }
  throw new Error(`${PROBLEMS_EXTENSION} names "${name}", which is neither a reason nor a gRPC code of libs/errors/src/catalog.ts`);
}

/** The field a validation example names, and what is wrong with it: a body's first required field, else a parameter. */
function exampleField(spec: Json, operation: Json): { field: string; message: string } {
  const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
  const body = ref && spec.components.schemas[ref.split('/').pop() as string];
  if (body?.required?.length) return { field: body.required[0], message: 'is required' };
  const parameter = (operation.parameters ?? []).find((p: Json) => p.in === 'path') ?? (operation.parameters ?? []).find((p: Json) => p.in === 'query');
  if (parameter?.in === 'path') return { field: parameter.name, message: 'must be a UUID, got "abc"' };
  return { field: parameter?.name ?? 'body', message: 'must be an integer from 1 to 100' };
}

/** An example's `detail`: names the field of a validation example, and the operation's own scope. */
function exampleDetail(problem: ReturnType<typeof describe>, field: string, scopes: string[]): string {
  if (problem.reason === 'VALIDATION_FAILED') return `The request has 1 invalid field: ${field}.`;
  if (problem.reason === 'INSUFFICIENT_SCOPE' && scopes.length > 0) return `This API key lacks the scope ${scopes.join(' and ')}.`;
  return problem.example;
}

/** One problem+json response per status, with an example of every problem the operation lists. */
function problemResponses(spec: Json, path: string, operation: Json, names: string[], scopes: string[]): Record<string, Json> {
  const collection = path.split('/')[1] ?? '';
  const instance = path.replace(/\{id\}/g, EXAMPLE_IDS[collection] ?? 'id');
  const byStatus = new Map<number, { name: string; problem: ReturnType<typeof describe> }[]>();
  for (const name of names) {
    const problem = describe(name);
    byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), { name, problem }]);
  }
  const responses: Record<string, Json> = {};
  for (const [status, problems] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples = Object.fromEntries(problems.map(({ name, problem }) => {
      const { field, message } = exampleField(spec, operation);
      const value = {
        type: problemType(problem.reason ?? (problem.code as GrpcCodeName)),
        title: problem.title,
        status,
        detail: exampleDetail(problem, field, scopes),
        instance,
        request_id: EXAMPLE_REQUEST_ID,
        ...(problem.code && { code: problem.code }),
        ...(problem.reason && { reason: problem.reason }),
        ...(problem.reason === 'VALIDATION_FAILED' && { errors: [{ field, message }] }),
      };
      return [name, { summary: problem.title, value }];
    }));
    responses[String(status)] = {
      description: problems.map(({ problem }) => `${problem.meaning} (\`${problemType(problem.reason ?? (problem.code as GrpcCodeName)).slice(PROBLEM_TYPE_BASE.length)}\`)`).join(' Or: '),
      content: { [PROBLEM]: { schema: { $ref: PROBLEM_REF }, examples } },
    };
  }
  return responses;
}

/**
 * - PATCH bodies accept application/merge-patch+json besides application/json.
 * - A success body typed `T | void` (a GET that may answer 304) is T.
 * - Every operation's problem responses come from the catalogue: a controller lists the reasons
 *   (and bare gRPC codes) it can produce in `x-problems`; here they become one problem+json
 *   response per status with an example of each. A name that is not in the catalogue fails.
 * - ProblemDetails' `reason`, `code` and `type` get the catalogue's values as enums.
 * - Every operation accepts X-Request-Id and every response carries it (a middleware, not a
 *   decorator, handles it, so tsoa cannot see it).
 * - Operations that take an Idempotency-Key declare Idempotent-Replayed on their 2xx answers (a
 *   stored refusal, e.g. 409 insufficient-stock, is replayed with it too, as the header says), and
 *   Retry-After where idempotency-key-in-use can happen.
 * - Every 503 declares Retry-After (the gateway sends it).
 * - Every path parameter is a UUID (`format: uuid`): the services refuse anything else.
 * - Prices are declared greater than 0 (EXCLUSIVE_MINIMUMS).
 * - Servers stay relative ("/"), so Swagger UI's "Try it out" calls the gateway that served it.
 * - An operation declared with `@Security('bearer', [scope])` gets the bearer requirement with an
 *   empty scope list (OpenAPI 3.0 allows scopes only for OAuth2 and OpenID Connect), its description
 *   names the scope, and it answers 401 (with WWW-Authenticate) and 403. Public ones keep `security: []`.
 * - Every operation but the probes (UNLIMITED_PATHS) can answer 429 with Retry-After and the
 *   RateLimit headers. The empty contact goes.
 */
export function finishSpec(spec: Json): Json {
  spec.servers = [{ url: '/' }];
  delete spec.info.contact;
  for (const [name, value] of Object.entries(spec.components as Record<string, object>)) {
    if (Object.keys(value).length === 0) delete spec.components[name];
  }
  spec.components.parameters = { RequestId: REQUEST_ID_PARAMETER };
  spec.components.headers = {
    RequestId: REQUEST_ID_HEADER, IdempotentReplayed: REPLAYED_HEADER, RetryAfter: RETRY_AFTER_HEADER,
    WwwAuthenticate: WWW_AUTHENTICATE_HEADER, RateLimit: RATE_LIMIT_HEADER, RateLimitPolicy: RATE_LIMIT_POLICY_HEADER,
  };
  const problem = spec.components.schemas.ProblemDetails;
  problem.properties.reason.enum = REASON_NAMES;
  problem.properties.code.enum = CODE_NAMES;
  problem.properties.type.enum = [...REASON_NAMES, ...CODE_NAMES].map((name) => problemType(name));
  for (const [schema, property] of EXCLUSIVE_MINIMUMS) spec.components.schemas[schema].properties[property].exclusiveMinimum = true;
  for (const [path, pathItem] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(pathItem)) {
      const scopes: string[] | undefined = operation.security?.find((requirement: Json) => BEARER_SCHEME in requirement)?.[BEARER_SCHEME];
      if (operation.security === undefined) throw new Error(`${path}: every operation declares @Security or @NoSecurity`);
      if (scopes) {
        operation.security = [{ [BEARER_SCHEME]: [] }];
        operation.description = `${operation.description} Needs an API key with the scope \`${scopes.join('` and `')}\`.`;
      }
      const names: string[] = [
        ...(operation[PROBLEMS_EXTENSION] ?? []), ...(scopes ? KEY_PROBLEMS : []), ...(UNLIMITED_PATHS.has(path) ? [] : RATE_PROBLEMS),
      ];
      delete operation[PROBLEMS_EXTENSION];
      // The controllers' `default` response only names the problem schema; the listed ones replace it.
      delete operation.responses.default;
      operation.responses = { ...operation.responses, ...problemResponses(spec, path, operation, names, scopes ?? []) };
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/RequestId' }];
      for (const parameter of operation.parameters as Json[]) if (parameter.in === 'path') parameter.schema = { ...parameter.schema, format: 'uuid' };
      // PATCH bodies are JSON merge patches (RFC 7396): their own media type is accepted too.
      const json = operation.requestBody?.content?.['application/json'];
      if (json && pathItem['patch'] === operation) operation.requestBody.content['application/merge-patch+json'] = json;
      const keyed = (operation.parameters as Json[]).some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        response.headers = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' }, ...response.headers };
        if (keyed && status.startsWith('2')) response.headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
        if (status === '503' || status === '429' || (status === '409' && names.includes('IDEMPOTENCY_KEY_IN_USE'))) {
          response.headers['Retry-After'] = { $ref: '#/components/headers/RetryAfter' };
        }
        if (status === '401' || status === '403') response.headers['WWW-Authenticate'] = { $ref: '#/components/headers/WwwAuthenticate' };
        if (status === '429') {
          response.headers['RateLimit'] = { $ref: '#/components/headers/RateLimit' };
          response.headers['RateLimit-Policy'] = { $ref: '#/components/headers/RateLimitPolicy' };
        }
        // `Promise<T | void>` (a GET that may answer 304 without a body) comes out as anyOf [T, {}]:
        // the 200 body is T; the 304 is declared on its own.
        const schema = response.content?.['application/json']?.schema;
        if (schema?.anyOf?.length === 2 && Object.keys(schema.anyOf[1]).length === 0) response.content['application/json'].schema = schema.anyOf[0];
      }
    }
  }
  return spec;
}
