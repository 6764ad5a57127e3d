import type { Logger } from 'pino';

/** Anything a process can stop gracefully: a gRPC server, the HTTP gateway. */
export interface Stoppable {
  /** Resolves once the server has stopped and its resources are released. */
  stop(): Promise<void>;
}

/** On SIGINT/SIGTERM: stop gracefully, then exit 0 (1 if stopping failed). */
export function exitOnSignals(running: Stoppable, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A repeated signal (a terminal's Ctrl-C reaches the whole process group; a supervisor may
    // forward it again) must not kill the process halfway through its graceful stop.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.stop().then(
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
