import assert from 'node:assert/strict';
import type { ApiResponse } from './http-client.js';

export interface ExpectedProblem {
  status: number;
  /** Last segment of the type URI, e.g. "product-not-found". */
  type: string;
  reason?: string;
  code?: string;
  /** Exactly these fields, in any order, when given. */
  fields?: string[];
  instance?: string;
}

/**
 * Asserts an RFC 9457 problem: status, content type, type URI, the always-present members, and
 * that the request id in the body is the one echoed in X-Request-Id.
 */
export function assertProblem(response: ApiResponse, expected: ExpectedProblem): void {
  const { body } = response;
  assert.equal(response.status, expected.status, JSON.stringify(body));
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body['type'], `https://ecommerce.example.com/problems/${expected.type}`);
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
