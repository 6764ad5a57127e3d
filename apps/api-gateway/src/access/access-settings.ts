import { readFileSync } from 'node:fs';
import { envOptional, envPositiveInt, envString } from '@ecommerce/config';
import { ApiKeyRing } from './api-keys.js';
import { parseCorsOrigins, type CorsOrigins } from './cors-policy.js';
import type { RateLimitSettings } from './rate-limit.js';

/** Who may call the gateway, how often, and from which browser origins. Each is off unless configured. */
export interface AccessSettings {
  /** From API_KEYS (JSON) or API_KEYS_FILE (a JSON file); undefined: open mode. */
  apiKeys: ApiKeyRing | undefined;
  /** From RATE_LIMIT_*; undefined: no rate limit. */
  rateLimit: RateLimitSettings | undefined;
  /** From CORS_ORIGINS; undefined: no CORS headers (same-origin callers only). */
  corsOrigins: CorsOrigins | undefined;
}

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
export const DEFAULT_RATE_LIMIT_REDIS_PREFIX = 'ecommerce:rate-limit:';

/**
 * Reads API_KEYS or API_KEYS_FILE (not both), RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS (60000),
 * RATE_LIMIT_REDIS_URL, RATE_LIMIT_REDIS_PREFIX ("ecommerce:rate-limit:") and CORS_ORIGINS.
 * Throws naming the variable (never a secret) on anything malformed.
 */
export function loadAccessSettings(env: NodeJS.ProcessEnv): AccessSettings {
  const max = envOptional(env, 'RATE_LIMIT_MAX') === undefined ? undefined : envPositiveInt(env, 'RATE_LIMIT_MAX', 1);
  const redisUrl = envOptional(env, 'RATE_LIMIT_REDIS_URL');
  if (redisUrl !== undefined && max === undefined) throw new Error('RATE_LIMIT_REDIS_URL is set but RATE_LIMIT_MAX is not: set the limit too');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new Error('RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL');
  return {
    apiKeys: loadApiKeys(env),
    rateLimit: max === undefined ? undefined : {
      max,
      windowMs: envPositiveInt(env, 'RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMIT_WINDOW_MS),
      redisUrl,
      redisPrefix: envString(env, 'RATE_LIMIT_REDIS_PREFIX', DEFAULT_RATE_LIMIT_REDIS_PREFIX),
    },
    corsOrigins: parseCorsOrigins(env['CORS_ORIGINS']),
  };
}

function loadApiKeys(env: NodeJS.ProcessEnv): ApiKeyRing | undefined {
  const inline = envOptional(env, 'API_KEYS');
  const file = envOptional(env, 'API_KEYS_FILE');
  if (inline !== undefined && file !== undefined) throw new Error('set API_KEYS or API_KEYS_FILE, not both');
  if (inline !== undefined) return ApiKeyRing.parse(inline, 'API_KEYS');
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`API_KEYS_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return ApiKeyRing.parse(text, `API_KEYS_FILE ${file}`);
}
