import type { Application, Request } from 'express';
import { GatewayProblem } from '../errors/gateway-problem.js';
import type { ApiKey, ApiKeyRing } from './api-keys.js';
import type { Scope } from './scopes.js';

/** Who made a request, once authenticated: the API key's id and scopes (never its secret). */
export type Caller = ApiKey;

/** The realm every challenge names (RFC 6750). */
const REALM = 'ecommerce';

/** `Authorization: Bearer <token>`: the scheme is case-insensitive (RFC 9110), the token a b64token. */
const BEARER = /^bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Who may call what. With no keys configured the gateway runs open: every operation is allowed,
 * anonymously (main.ts warns at start-up). With keys, an operation that names scopes needs a
 * configured key holding all of them.
 */
export class AccessPolicy {
  constructor(private readonly keys: ApiKeyRing | undefined) {}

  /** True when no keys are configured. */
  get open(): boolean {
    return this.keys === undefined;
  }

  /** The configured key the request presents, or undefined (none, not a bearer token, or unknown). */
  identify(request: Pick<Request, 'get'>): ApiKey | undefined {
    const token = BEARER.exec(request.get('authorization') ?? '')?.[1];
    return token === undefined ? undefined : this.keys?.find(token);
  }

  /**
   * The caller, when the request may use an operation that needs `scopes`; undefined in open mode.
   * Throws 401 API_KEY_MISSING (no bearer credentials), 401 API_KEY_INVALID (not a configured key)
   * or 403 INSUFFICIENT_SCOPE, each with its WWW-Authenticate challenge.
   */
  authorize(request: Pick<Request, 'get'>, scopes: readonly Scope[]): Caller | undefined {
    if (this.open) return undefined;
    const authorization = request.get('authorization');
    if (authorization === undefined || !/^bearer(\s|$)/i.test(authorization)) {
      throw new GatewayProblem('API_KEY_MISSING', 'This operation needs an API key: send Authorization: Bearer <key>.', [], {
        'WWW-Authenticate': `Bearer realm="${REALM}"`,
      });
    }
    const key = this.identify(request);
    if (!key) {
      throw new GatewayProblem('API_KEY_INVALID', 'The API key is not valid.', [], {
        'WWW-Authenticate': `Bearer realm="${REALM}", error="invalid_token"`,
      });
    }
    const missing = scopes.filter((scope) => !key.scopes.has(scope));
    if (missing.length > 0) {
      throw new GatewayProblem('INSUFFICIENT_SCOPE', `This API key lacks the scope ${missing.join(' and ')}.`, [], {
        'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${scopes.join(' ')}"`,
      });
    }
    return key;
  }
}

const ACCESS_POLICY = 'accessPolicy';

/** Registers the app's policy, for tsoa's authentication module and requireScope (as ioc.ts does for controllers). */
export function provideAccessPolicy(app: Application, policy: AccessPolicy): void {
  app.locals[ACCESS_POLICY] = policy;
}

/** The policy of the app serving `request`. */
export function accessPolicyOf(request: Pick<Request, 'app'>): AccessPolicy {
  const policy = request.app.locals[ACCESS_POLICY] as AccessPolicy | undefined;
  if (!policy) throw new Error('no access policy registered (app.ts provideAccessPolicy)');
  return policy;
}
