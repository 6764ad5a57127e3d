import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logger for a service. Level from LOG_LEVEL (default "info"); every line carries `service`.
 * @param service name written on every line, e.g. "product-service"
 */
export function createLogger(service: string): Logger {
  return pino({
    level: process.env['LOG_LEVEL'] ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
