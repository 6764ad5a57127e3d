import type { Logger } from '@ecommerce/logging';
import type { AccessSettings } from './access-settings.js';

/**
 * One start-up line per access setting: the keys' ids and scopes (never a secret, nor a hash), the
 * rate limit, the CORS origins. Without keys, a warning: every route is open to anyone.
 */
export function logAccessMode(settings: AccessSettings, logger: Logger): void {
  if (settings.apiKeys) logger.info({ api_keys: settings.apiKeys.describe() }, 'API keys configured: protected routes need a key with their scope');
  else logger.warn('no API keys configured (API_KEYS, API_KEYS_FILE): running open, every route is available to anyone');
  const limit = settings.rateLimit;
  logger.info(limit
    ? { rate_limit: { max: limit.max, window_ms: limit.windowMs, store: limit.redisUrl ? 'redis' : 'memory' } }
    : { rate_limit: 'off' }, 'rate limit');
  logger.info({ cors_origins: settings.corsOrigins ?? 'none' }, 'cors');
}
