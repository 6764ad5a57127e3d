import { Registry, collectDefaultMetrics } from 'prom-client';

export { Registry };

/**
 * A deployable's metrics registry, with prom-client's process metrics (CPU, memory, event-loop
 * lag, GC, handles: `process_*` and `nodejs_*`). One per process; never prom-client's global one,
 * so tests can build several apps in one process.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Histogram buckets for call durations, in seconds: 0.5 ms to 10 s (an upstream deadline is 5 s
 * by default, a local call takes a millisecond or two).
 */
export const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
