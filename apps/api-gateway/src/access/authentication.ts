import type { Request } from 'express';
import { contextOf } from '../http/request-context.js';
import { accessPolicyOf, type Caller } from './access-policy.js';
import { BEARER_SCHEME, SCOPES, type Scope } from './scopes.js';

/**
 * tsoa's `authenticationModule` (tsoa.json): runs before every operation declared with
 * `@Security('bearer', [scopes])`, ahead of request validation. It resolves with the caller
 * (also set on the request context, for the access log and the idempotency scope) or rejects with
 * the 401/403 problem, which the generated route hands to the error handler.
 */
export async function expressAuthentication(request: Request, securityName: string, scopes: string[] = []): Promise<Caller | undefined> {
  if (securityName !== BEARER_SCHEME) throw new Error(`unknown security scheme ${securityName}`);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new Error(`unknown scopes ${unknown.join(', ')} (access/scopes.ts)`);
  const caller = accessPolicyOf(request).authorize(request, scopes as Scope[]);
  if (caller && request.res) contextOf(request.res).caller = caller;
  return caller;
}
