// Checks of the options a client or a call is given. Each returns why a value is invalid (a
// message naming the option), or undefined when it is valid; the client throws TypeError or
// RangeError with it at construction, a call APIInvalidRequestError before sending anything.

/** The longest timer setTimeout keeps (a longer one fires at once). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A header name (an RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value fetch accepts: Latin-1 (ByteString) without control characters other than tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** An absolute http(s) URL without query or fragment; returned without trailing slashes. */
export function checkBaseUrl(value: unknown): { url: string } | { problem: string } {
  const problem = `baseUrl must be an absolute http:// or https:// URL such as "http://127.0.0.1:8000"; got ${describeValue(value)}`;
  if (typeof value !== 'string') return { problem };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return { problem };
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) return { problem: `${problem} (no query or fragment)` };
  return { url: value.replace(/\/+$/, '') };
}

export function timeoutProblem(value: unknown, option = 'timeoutMs'): string | undefined {
  if (typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT_MS) return undefined;
  return `${option} must be a number of milliseconds > 0 and <= ${MAX_TIMEOUT_MS}; got ${describeValue(value)}`;
}

export function maxRetriesProblem(value: unknown, option = 'maxRetries'): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
  return `${option} must be an integer >= 0; got ${describeValue(value)}`;
}

/** A value sent as a header must be a string fetch accepts (no line breaks, no characters beyond U+00FF). */
export function headerValueProblem(value: unknown, option: string): string | undefined {
  if (typeof value === 'string' && HEADER_VALUE.test(value)) return undefined;
  return `${option} must be a string of Latin-1 characters without line breaks (it is sent as an HTTP header); got ${describeValue(value)}`;
}

/** Every name a token and every value a header value; `option` names the record in the message. */
export function headersProblem(headers: unknown, option: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return `${option} must be an object of header names to strings`;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return `${option} has an invalid header name ${JSON.stringify(name)}`;
    const problem = headerValueProblem(value, `${option}[${JSON.stringify(name)}]`);
    if (problem) return problem;
  }
  return undefined;
}

export function queryProblem(query: unknown, option: string): string | undefined {
  return typeof query === 'object' && query !== null ? undefined : `${option} must be an object of query parameters`;
}
