#!/usr/bin/env node
// Container HEALTHCHECK for the gRPC services: asks grpc.health.v1.Health/Check on the given address
// and exits 0 only for SERVING. Plain JavaScript on purpose: the runtime image ships no TypeScript
// tooling, only production dependencies (@grpc/grpc-js, grpc-health-check) and the built bundles.
// Usage: node grpc-health.mjs <host:port> [service]   (service "" = the whole server, the default)
//
// TLS: when the service itself serves TLS (GRPC_SERVER_TLS_CERT is set, as in its container), the
// probe talks TLS too, trusting GRPC_CLIENT_TLS_CA and, for mutual TLS, presenting
// GRPC_CLIENT_TLS_CERT / GRPC_CLIENT_TLS_KEY. The chain is verified; the host name is not (the
// probe dials 127.0.0.1, the certificate names the service).
import { readFileSync } from 'node:fs';
import { credentials, makeGenericClientConstructor } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

/** Below the image's HEALTHCHECK --timeout, so the probe reports its own reason first. */
const DEADLINE_MS = 3000;

const [address, serviceName = ''] = process.argv.slice(2);
if (!address) {
  console.error('usage: grpc-health.mjs <host:port> [service]');
  process.exit(2);
}

/** Plaintext, or TLS as described above; exits 2 when TLS is on but the probe has no CA to trust. */
function channelCredentials(env) {
  if (!env.GRPC_SERVER_TLS_CERT) return credentials.createInsecure();
  if (!env.GRPC_CLIENT_TLS_CA) {
    console.error('the service serves TLS (GRPC_SERVER_TLS_CERT): set GRPC_CLIENT_TLS_CA for the probe');
    process.exit(2);
  }
  const read = (name) => (env[name] ? readFileSync(env[name]) : null);
  return credentials.createSsl(read('GRPC_CLIENT_TLS_CA'), read('GRPC_CLIENT_TLS_KEY'), read('GRPC_CLIENT_TLS_CERT'), {
    checkServerIdentity: () => undefined,
  });
}

const HealthClient = makeGenericClientConstructor(healthService, 'Health');
const client = new HealthClient(address, channelCredentials(process.env));
client.check({ service: serviceName }, { deadline: Date.now() + DEADLINE_MS }, (error, response) => {
  client.close();
  if (error) {
    console.error(`${address}: health check failed: ${error.details || error.message}`);
    process.exit(1);
  }
  if (response.status !== 'SERVING') {
    console.error(`${address}: ${serviceName || '(server)'} is ${response.status}`);
    process.exit(1);
  }
  console.log(`${address}: SERVING`);
  process.exit(0);
});
