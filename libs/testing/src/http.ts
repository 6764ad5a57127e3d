import assert from 'node:assert/strict';

/** A response with its body parsed (JSON when the server says so, else text). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpRequestOptions {
  /** Sent as JSON unless `raw` is given. */
  json?: unknown | undefined;
  /** Sent as is (with Content-Type: application/json unless headers say otherwise). */
  raw?: string | undefined;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

/** One HTTP call over the real network stack. */
export async function httpCall<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: HttpRequestOptions = {},
): Promise<ApiResponse<T>> {
  const hasBody = options.json !== undefined || options.raw !== undefined;
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(hasBody && { 'content-type': 'application/json' }), ...options.headers },
    body: options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : null),
    signal: options.signal ?? null,
  });
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const body = (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T;
  return { status: response.status, headers: response.headers, body };
}

/** A client bound to one base URL. */
export function httpClient(baseUrl: string) {
  return {
    get: <T = Record<string, unknown>>(path: string, options?: HttpRequestOptions) => httpCall<T>(baseUrl, 'GET', path, options),
    post: <T = Record<string, unknown>>(path: string, json: unknown, options?: HttpRequestOptions) =>
      httpCall<T>(baseUrl, 'POST', path, { json, ...options }),
    call: <T = Record<string, unknown>>(method: string, path: string, options?: HttpRequestOptions) =>
      httpCall<T>(baseUrl, method, path, options),
  };
}
export type HttpClient = ReturnType<typeof httpClient>;

export interface ExpectedProblem {
  status: number;
  /** Last segment of the type URI, e.g. "product-not-found". */
  type: string;
  reason?: string | undefined;
  code?: string | undefined;
  /** Exactly these fields, in any order, when given. */
  fields?: string[] | undefined;
  instance?: string | undefined;
}

/** Base of every problem `type` URI (docs/conventions.md, "REST contract"). */
export const PROBLEM_TYPE_BASE = 'https://ecommerce.example.com/problems/';

/**
 * Asserts an RFC 9457 problem: status, content type, type URI, the always-present members, and
 * that the request id in the body is the one echoed in X-Request-Id.
 */
export function assertProblem(response: ApiResponse, expected: ExpectedProblem): void {
  const { body } = response;
  assert.equal(response.status, expected.status, JSON.stringify(body));
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body['type'], `${PROBLEM_TYPE_BASE}${expected.type}`);
  assert.equal(body['status'], expected.status);
  assert.equal(typeof body['title'], 'string');
  assert.equal(typeof body['detail'], 'string');
  assert.equal(body['request_id'], response.headers.get('x-request-id'));
  if (expected.instance !== undefined) assert.equal(body['instance'], expected.instance);
  if (expected.reason !== undefined) assert.equal(body['reason'], expected.reason);
  if (expected.code !== undefined) assert.equal(body['code'], expected.code);
  if (expected.fields !== undefined) {
    const errors = (body['errors'] ?? []) as { field: string; message: string }[];
    assert.deepEqual(errors.map((e) => e.field).sort(), [...expected.fields].sort(), JSON.stringify(errors));
    for (const error of errors) assert.ok(error.message.length > 0);
  }
}

/** A validation failure naming exactly these fields. */
export function assertInvalid(response: ApiResponse, fields: string[]): void {
  assertProblem(response, { status: 400, type: 'validation-failed', reason: 'VALIDATION_FAILED', code: 'INVALID_ARGUMENT', fields });
}
