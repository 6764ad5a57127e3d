#!/usr/bin/env node
// Container HEALTHCHECK for the gRPC services: asks grpc.health.v1.Health/Check on the given address
// and exits 0 only for SERVING. Plain JavaScript on purpose: the runtime image ships no TypeScript
// tooling, only production dependencies (@grpc/grpc-js, grpc-health-check) and the built bundles.
// Usage: node grpc-health.mjs <host:port> [service]   (service "" = the whole server, the default)
import { credentials, makeGenericClientConstructor } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

/** Below the image's HEALTHCHECK --timeout, so the probe reports its own reason first. */
const DEADLINE_MS = 3000;

const [address, serviceName = ''] = process.argv.slice(2);
if (!address) {
  console.error('usage: grpc-health.mjs <host:port> [service]');
  process.exit(2);
}

const HealthClient = makeGenericClientConstructor(healthService, 'Health');
const client = new HealthClient(address, credentials.createInsecure());
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
