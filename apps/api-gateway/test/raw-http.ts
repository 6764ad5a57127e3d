import { connect } from 'node:net';

/** A response as read off the socket: status, lower-case headers, body text, and whether the server closed. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server ended the connection (after its response, or without one). */
  closed: boolean;
}

export interface RawOptions {
  /** Writes more after the first bytes: called with a write function until it resolves. */
  thenSend?: (write: (chunk: string | Buffer) => boolean) => Promise<void>;
  /** Gives up (resolves with what was read) after this long. @default 10000 */
  timeoutMs?: number;
}

/**
 * Sends `request` exactly as given over a fresh TCP connection (no client library fixes it up)
 * and reads one response: for requests a fetch client refuses to send, such as a bad
 * Content-Length or a NUL in a header.
 */
export function rawHttp(baseUrl: string, request: string | Buffer, options: RawOptions = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks).toString('latin1'), closed));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 10_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
        closed = true;
        finish();
      } else {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('connect', () => {
      socket.write(request);
      options.thenSend?.((chunk) => !socket.destroyed && socket.write(chunk)).catch(() => undefined);
    });
  });
}

function parse(text: string, closed: boolean): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const head = split >= 0 ? text.slice(0, split) : text;
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  return { status, headers, body: split >= 0 ? text.slice(split + 4) : '', closed };
}
