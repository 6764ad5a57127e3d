import type { Received } from './fetch.js';

/** A successful response as the transport hands it over: read in full, with the call's request id. @internal */
export interface RawResponse {
  received: Received;
  /** The server's X-Request-Id (echoed), else the one the SDK sent. */
  request_id: string;
}

/** What `withResponse()` resolves: the parsed body, the raw response and the request id. */
export interface WithResponse<T> {
  data: T;
  /** A standard Response with the status, headers and body the server sent (body unread). */
  response: Response;
  /** The request's X-Request-Id (the server's echo, else the one the SDK sent). */
  request_id: string;
}

/**
 * What every call returns: a normal Promise of the parsed body (`await client.products.get(id)`)
 * with two more ways to read the same, single request:
 * - `withResponse()`: `{ data, response, request_id }`;
 * - `asResponse()`: the raw `Response` only, its body unread and not parsed.
 * An error status rejects all three with the SDK's error class.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #raw: Promise<RawResponse>;
  readonly #parse: (raw: RawResponse) => T | Promise<T>;
  #data: Promise<T> | undefined;

  /** @internal */
  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => T | Promise<T>) {
    super((resolve) => resolve(undefined as T));
    this.#raw = raw;
    this.#parse = parse;
  }

  /** The raw response (a standard `Response`, body unread), without parsing it. */
  asResponse(): Promise<Response> {
    return this.#raw.then((raw) => toResponse(raw.received));
  }

  /** The parsed body together with the raw response and the request id. */
  async withResponse(): Promise<WithResponse<T>> {
    const [data, raw] = await Promise.all([this.#parsed(), this.#raw]);
    return { data, response: toResponse(raw.received), request_id: raw.request_id };
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }

  override get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }

  #parsed(): Promise<T> {
    this.#data ??= this.#raw.then(this.#parse);
    return this.#data;
  }
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = /* @__PURE__ */ new Set([101, 204, 205, 304]);

/** A fresh standard Response of what was received, whatever fetch produced it. */
function toResponse(received: Received): Response {
  const body = NULL_BODY.has(received.status) ? null : received.body;
  return new Response(body, { status: received.status, statusText: received.statusText, headers: received.headers });
}
