#!/usr/bin/env node
// Container HEALTHCHECK for the api-gateway: GETs its readiness URL (/readyz is 200 only when both
// upstream services report SERVING) and exits 0 only for a 2xx answer. No dependencies: Node's fetch.
// Usage: node http-ready.mjs <url>
/** Below the image's HEALTHCHECK --timeout, so the probe reports its own reason first. */
const DEADLINE_MS = 3000;

const url = process.argv[2];
if (!url) {
  console.error('usage: http-ready.mjs <url>');
  process.exit(2);
}

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(DEADLINE_MS) });
  const body = (await response.text()).slice(0, 200);
  if (!response.ok) {
    console.error(`${url}: ${response.status} ${body}`);
    process.exit(1);
  }
  console.log(`${url}: ${response.status}`);
  process.exit(0);
} catch (error) {
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, timeout) in `cause`.
  const reason = error instanceof Error ? [error.message, error.cause?.code ?? error.cause?.message] : [String(error)];
  console.error(`${url}: ${reason.filter(Boolean).join(': ')}`);
  process.exit(1);
}
