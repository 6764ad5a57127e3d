/** A console-like logger (`console`, pino, winston, ...): the SDK calls one method per level. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/**
 * How much the SDK logs, each level including the ones before it:
 * - `'off'` (default): nothing;
 * - `'error'`: every failed call (after its retries);
 * - `'warn'`: every retry (attempt, delay, reason);
 * - `'info'`: every completed call (status, attempts);
 * - `'debug'`: every attempt's request (headers, Authorization redacted) and response.
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };
const METHODS = ['error', 'warn', 'info', 'debug'] as const;

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RANK, value);
}

export function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null
    && METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
}

/** The logger at a level: methods above it do nothing. Messages start with "[ecommerce-sdk]". @internal */
export function levelled(logger: Logger, level: LogLevel): Logger {
  const at = (method: (typeof METHODS)[number]) => RANK[level] >= RANK[method]
    ? (message: string, ...details: unknown[]) => logger[method](`[ecommerce-sdk] ${message}`, ...details)
    : () => undefined;
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** Headers as logged: the Authorization value redacted (the API key is never logged). @internal */
export function loggableHeaders(headers: Record<string, string>): Record<string, string> {
  const copy = { ...headers };
  const value = copy['authorization'];
  if (value !== undefined) copy['authorization'] = /^\S+ /.test(value) ? `${value.split(' ')[0]} ***` : '***';
  return copy;
}
