/** Paths the rate limit never counts: the health probes, which orchestrators must always reach. */
export const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/health']);
