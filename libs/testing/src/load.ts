import { performance } from 'node:perf_hooks';

/**
 * The benchmarks' shared load loop: bounded in count, so it always stops by itself, and reported as
 * figures (never asserted: speed goals live in benchmark output, not in tests).
 */
export interface LoadResult {
  seconds: number;
  /** Per-call latencies in ms, sorted ascending. */
  latencies: number[];
}

/** A whole-number setting from the environment, clamped to [1, max] so a typo cannot run for hours. */
export function benchSetting(name: string, fallback: number, max: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  return Number.isFinite(value) ? Math.min(Math.max(value, 1), max) : fallback;
}

/** Runs `call` `count` times, `concurrency` at a time. */
export async function runLoad(call: () => Promise<unknown>, count: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = performance.now();
      await call();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

/** Nearest-rank percentile of sorted latencies. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** One line: calls, throughput, p50/p95/p99/max latency, and any extra figures. */
export function formatLoad(label: string, { seconds, latencies }: LoadResult, extra = ''): string {
  const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;
  return `${label.padEnd(18)} ${String(latencies.length).padStart(6)} calls ${(latencies.length / seconds).toFixed(0).padStart(6)}/s`
    + `  p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}`
    + `  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? Number.NaN)}${extra}`;
}
