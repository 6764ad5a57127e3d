/** A response with its body parsed (JSON when the server says so, else text). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** Sent as JSON unless `raw` is given. */
  json?: unknown;
  /** Sent as is (with Content-Type: application/json unless headers say otherwise). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** One HTTP call to the gateway under test, over real HTTP. */
export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const hasBody = options.json !== undefined || options.raw !== undefined;
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(hasBody && { 'content-type': 'application/json' }), ...options.headers },
    body: options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
  });
  const type = response.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { status: response.status, headers: response.headers, body };
}

/** A client bound to one gateway. */
export function client(baseUrl: string) {
  return {
    get: <T = Record<string, unknown>>(path: string, options?: RequestOptions) => call<T>(baseUrl, 'GET', path, options),
    post: <T = Record<string, unknown>>(path: string, json: unknown, options?: RequestOptions) =>
      call<T>(baseUrl, 'POST', path, { json, ...options }),
    call: <T = Record<string, unknown>>(method: string, path: string, options?: RequestOptions) =>
      call<T>(baseUrl, method, path, options),
  };
}

/** The README's example product. */
export const HEADPHONES = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: 199.99,
};
