/**
 * Where the platform under test runs: set by playwright.config.ts and inherited by every worker.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through e2e/playwright.config.ts`);
  return value;
}

/** Base URL of the api-gateway started by scripts/platform.ts, e.g. http://127.0.0.1:41234. */
export const GATEWAY_URL = `http://127.0.0.1:${required('E2E_GATEWAY_PORT')}`;

/** gRPC addresses of the running services, for specs that start a gateway of their own. */
export const PRODUCT_SERVICE_ADDR = `127.0.0.1:${required('E2E_PRODUCT_SERVICE_PORT')}`;
export const ORDER_SERVICE_ADDR = `127.0.0.1:${required('E2E_ORDER_SERVICE_PORT')}`;
