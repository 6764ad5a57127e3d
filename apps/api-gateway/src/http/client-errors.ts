import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { REASONS, problemType, type Reason } from '@ecommerce/errors';
import type { ProblemDetails } from '../errors/problem-models.js';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-catalog.js';

/** Node's parser error codes (llhttp) and its timeout, by the reason each becomes. */
function reasonOf(code: string | undefined): Reason {
  if (code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

const DETAILS: Partial<Record<Reason, string>> = {
  HEADERS_TOO_LARGE: 'The request line and headers exceed 16 KB.',
  REQUEST_TIMEOUT: 'The request was not received in time.',
};

/** The path of the request line the parser choked on, when it got that far (else "/"). */
function pathOf(raw: Buffer | undefined): string {
  const line = raw?.subarray(0, 2048).toString('latin1').split('\r\n')[0] ?? '';
  const target = /^[A-Z]+ (\S+) HTTP\/1\.[01]/.exec(line)?.[1];
  if (!target) return '/';
  try {
    return new URL(target, 'http://gateway.invalid').pathname;
  } catch {
    return '/';
  }
}

/**
 * Node's HTTP server answers requests its parser refuses (a bad Content-Length, TE with CL, a
 * bare LF, a NUL in a header, headers over 16 KB) and requests that time out by itself, with an
 * empty body. This answers them as every other error: problem+json, with a request id, then
 * closes the connection. Nothing is written when a response is already under way or the socket
 * is gone.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const reason = reasonOf(error.code);
  const entry: { http: number; title: string; code?: string } = REASONS[reason];
  const requestId = randomUUID();
  const problem: ProblemDetails = {
    type: problemType(reason),
    title: entry.title,
    status: entry.http,
    detail: DETAILS[reason] ?? `The request could not be read: ${error.code ?? error.message}.`,
    instance: pathOf(error.rawPacket),
    request_id: requestId,
    ...(entry.code && { code: entry.code }),
    reason,
  };
  const body = JSON.stringify(problem);
  socket.end([
    `HTTP/1.1 ${entry.http} ${STATUS_CODES[entry.http] ?? ''}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n'));
  socket.once('finish', () => socket.destroy());
}
