// Prints N free loopback ports, space-separated: `node --import tsx e2e/scripts/free-ports.ts 3`.
// The Playwright config needs its ports synchronously, so it runs this as a child process.
import { freePorts } from '@ecommerce/testing';

void freePorts(Number(process.argv[2] ?? 1)).then((ports) => console.log(ports.join(' ')));
