import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logger for a service. Level from LOG_LEVEL (default "info"); every line carries `service`.
 * @param service name written on every line, e.g. "product-service"
 * @param [env=process.env] where LOG_LEVEL is read
 * @param [destination=stdout]
 */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const options = { level: env['LOG_LEVEL'] ?? 'info', base: { service }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
