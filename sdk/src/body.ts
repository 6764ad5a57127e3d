import type { RawResponse } from './api-promise.js';
import { APIError } from './errors.js';

/** An error body: the problem+json object when it is JSON, else its text. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A success body that is not JSON (a proxy's HTML page, a wrong baseUrl) or is empty (where the
 * resource was expected) is an APIError, never retried. Only 204 and 205 have no body: undefined.
 */
export function parseJson<T>({ received, request_id }: RawResponse): T {
  const text = received.body;
  if (received.status === 204 || received.status === 205) return undefined as T;
  if (text === '') {
    throw new APIError(received.status, undefined, `${received.status} response has an empty body where JSON was expected`, {
      request_id, headers: received.headers,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new APIError(received.status, undefined, `${received.status} response body is not JSON: ${text.slice(0, 100)}`, {
      request_id, headers: received.headers, cause,
    });
  }
}
