/**
 * What the SDK passes to `fetch`: header names in lower case, the body as a JSON string, and the
 * signal that carries the caller's abort and the attempt's timeout.
 */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** The headers of a response, as the SDK reads them. */
export interface HeadersLike {
  forEach(callback: (value: string, name: string) => void): void;
}

/** The members of a response the SDK reads; a standard `Response`, undici's and node-fetch's have them. */
export interface ResponseLike {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeadersLike;
  text(): Promise<string>;
}

/**
 * The fetch the SDK calls, `globalThis.fetch` by default: called as `fetch(url, init)` with a string
 * URL and a plain init, so undici's and node-fetch's fetch fit as they are.
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

/** A response as the SDK keeps it: read within the attempt's timeout, headers as standard `Headers`. @internal */
export interface Received {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body as text ("" when there is none). */
  body: string;
}

/** Reads a response fully (status, headers, body text), whatever fetch produced it. @internal */
export async function receive(response: ResponseLike): Promise<Received> {
  const body = await response.text();
  return { status: response.status, statusText: response.statusText, headers: toHeaders(response.headers), body };
}

function toHeaders(headers: HeadersLike): Headers {
  if (headers instanceof Headers) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, value));
  return copy;
}
