import { envPositiveInt, envWholeNumber } from '@ecommerce/config';
import type { Logger } from 'pino';

export interface StopOptions {
  /**
   * How long to keep serving after turning not-ready (NOT_SERVING, /readyz 503), so balancers and
   * clients move away before the listener closes. @default 0
   */
  graceMs?: number;
}

/** Anything a process can stop gracefully: a gRPC server, the HTTP gateway. */
export interface Stoppable {
  /** Resolves once the server has stopped and its resources are released. */
  stop(options?: StopOptions): Promise<void>;
}

/** How every process stops (README "Configuration"): the same two settings for all three. */
export interface ShutdownSettings {
  /** SHUTDOWN_GRACE_MS: serving on, not ready, after SIGTERM. */
  graceMs: number;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight work may take to finish before it is cut off. */
  timeoutMs: number;
}

/** SHUTDOWN_GRACE_MS (default 5000; 0 switches it off) and SHUTDOWN_TIMEOUT_MS (default 10000). */
export function loadShutdownSettings(env: NodeJS.ProcessEnv = process.env): ShutdownSettings {
  return {
    graceMs: envWholeNumber(env, 'SHUTDOWN_GRACE_MS', 5000),
    timeoutMs: envPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
  };
}

/**
 * On SIGTERM (an orchestrator, a supervisor): a draining stop, serving on for `graceMs` while not
 * ready, then finishing in-flight work; on SIGINT (Ctrl-C at a terminal): the same without the
 * grace period. Then exit 0 (1 if stopping failed).
 */
export function exitOnSignals(running: Stoppable, logger: Logger, settings: Pick<ShutdownSettings, 'graceMs'> = { graceMs: 0 }): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A repeated signal (a terminal's Ctrl-C reaches the whole process group; a supervisor may
    // forward it again) must not kill the process halfway through its graceful stop.
    if (stopping) return;
    stopping = true;
    const graceMs = signal === 'SIGTERM' ? settings.graceMs : 0;
    logger.info({ signal, grace_ms: graceMs }, 'shutting down');
    running.stop({ graceMs }).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
