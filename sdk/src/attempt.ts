import { parseErrorBody } from './body.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from './errors.js';
import { receive, type FetchLike, type Received } from './fetch.js';
import { loggableHeaders, type Logger } from './logger.js';
import type { RetryPolicy } from './retry.js';

/** The HTTP methods the transport sends. */
export type HTTPMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request, ready to send as often as the retry policy allows. @internal */
export interface Prepared {
  method: HTTPMethod;
  url: string;
  /** For log lines: the path and query, without the base URL. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
  requestId: string;
  policy: RetryPolicy;
  timeoutMs: number;
  maxRetries: number;
  signal: AbortSignal | undefined;
}

/** One attempt: fetch, read the whole response within `timeoutMs`, map a non-2xx to its APIError. @internal */
export async function sendAttempt(prepared: Prepared, attempt: number, fetch: FetchLike, log: Logger): Promise<Received> {
  const { signal, requestId, timeoutMs } = prepared;
  if (signal?.aborted) throw new APIUserAbortError({ request_id: requestId, cause: signal.reason });
  // One controller per attempt: it fires on the caller's signal or on this attempt's deadline.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  try {
    const init = { method: prepared.method, headers: { ...prepared.headers }, signal: controller.signal };
    log.debug(`-> ${prepared.method} ${prepared.target}`, {
      url: prepared.url, request_id: requestId, attempt, headers: loggableHeaders(prepared.headers),
    });
    const response = await receive(await fetch(prepared.url, prepared.body === undefined ? init : { ...init, body: prepared.body }));
    log.debug(`<- ${response.status} ${prepared.method} ${prepared.target}`, {
      request_id: requestId, attempt, status: response.status, durationMs: Date.now() - started,
    });
    if (response.status < 200 || response.status > 299) {
      throw APIError.fromResponse(response.status, parseErrorBody(response.body), response.headers, requestId);
    }
    return response;
  } catch (error) {
    if (error instanceof APIError) throw error;
    const mapped = signal?.aborted ? new APIUserAbortError({ request_id: requestId, cause: signal.reason })
      : timedOut ? new APIConnectionTimeoutError({ request_id: requestId, timeoutMs })
        : new APIConnectionError({ request_id: requestId, cause: error });
    log.debug(`<- no response to ${prepared.method} ${prepared.target}: ${mapped.message}`, { request_id: requestId, attempt, cause: error });
    throw mapped;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
