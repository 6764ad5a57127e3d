import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long. @default 5000 */
  timeoutMs?: number | undefined;
  /** Poll interval. @default 25 */
  intervalMs?: number | undefined;
  /** Named in the error when the wait times out. */
  what?: string | undefined;
}

/**
 * Polls `check` until it returns something other than undefined/false, and returns that; throws
 * after `timeoutMs`. Bounded by construction: every wait in the suites goes through here.
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 25, what = 'condition' } = options;
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(intervalMs);
  }
}
