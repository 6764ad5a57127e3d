import { readFileSync } from 'node:fs';
import { ServerCredentials, credentials, type ChannelCredentials } from '@grpc/grpc-js';
import { envOptional } from '@ecommerce/config';

/** How a server or a client talks: plaintext (the loopback default), TLS, or mutual TLS. */
export type TlsMode = 'plaintext' | 'tls' | 'mtls';

function readPem(env: NodeJS.ProcessEnv, name: string): Buffer | undefined {
  const path = envOptional(env, name);
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${name} names a file that cannot be read (${path}): ${(error as Error).message}`);
  }
}

function requireTogether(a: [string, Buffer | undefined], b: [string, Buffer | undefined]): void {
  if ((a[1] === undefined) !== (b[1] === undefined)) throw new Error(`${a[0]} and ${b[0]} must be set together`);
}

/**
 * A gRPC server's credentials from GRPC_SERVER_TLS_CERT and GRPC_SERVER_TLS_KEY (PEM files: the
 * certificate chain and its key): TLS. With GRPC_SERVER_TLS_CLIENT_CA too, mutual TLS: a client
 * must present a certificate that CA issued, or the handshake fails. None set: plaintext.
 * Throws, naming the variable, when one is missing or a file cannot be read.
 */
export function serverCredentials(env: NodeJS.ProcessEnv = process.env): { credentials: ServerCredentials; mode: TlsMode } {
  const cert = readPem(env, 'GRPC_SERVER_TLS_CERT');
  const key = readPem(env, 'GRPC_SERVER_TLS_KEY');
  const clientCa = readPem(env, 'GRPC_SERVER_TLS_CLIENT_CA');
  requireTogether(['GRPC_SERVER_TLS_CERT', cert], ['GRPC_SERVER_TLS_KEY', key]);
  if (!cert || !key) {
    if (clientCa) throw new Error('GRPC_SERVER_TLS_CLIENT_CA needs GRPC_SERVER_TLS_CERT and GRPC_SERVER_TLS_KEY');
    return { credentials: ServerCredentials.createInsecure(), mode: 'plaintext' };
  }
  return {
    credentials: ServerCredentials.createSsl(clientCa ?? null, [{ cert_chain: cert, private_key: key }], clientCa !== undefined),
    mode: clientCa ? 'mtls' : 'tls',
  };
}

/**
 * A gRPC client's channel credentials from GRPC_CLIENT_TLS_CA (PEM: the CA that issued the
 * upstreams' certificates): TLS, the server's certificate checked against it and the address's
 * host name. With GRPC_CLIENT_TLS_CERT and GRPC_CLIENT_TLS_KEY too, the client presents that
 * certificate (mutual TLS). None set: plaintext. Throws, naming the variable, on a partial setting.
 */
export function clientCredentials(env: NodeJS.ProcessEnv = process.env): { credentials: ChannelCredentials; mode: TlsMode } {
  const ca = readPem(env, 'GRPC_CLIENT_TLS_CA');
  const cert = readPem(env, 'GRPC_CLIENT_TLS_CERT');
  const key = readPem(env, 'GRPC_CLIENT_TLS_KEY');
  requireTogether(['GRPC_CLIENT_TLS_CERT', cert], ['GRPC_CLIENT_TLS_KEY', key]);
  if (!ca) {
    if (cert) throw new Error('GRPC_CLIENT_TLS_CERT and GRPC_CLIENT_TLS_KEY need GRPC_CLIENT_TLS_CA');
    return { credentials: credentials.createInsecure(), mode: 'plaintext' };
  }
  return { credentials: credentials.createSsl(ca, key ?? null, cert ?? null), mode: cert ? 'mtls' : 'tls' };
}
