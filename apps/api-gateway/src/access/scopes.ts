/**
 * What an API key may be allowed to do. Product reads and the health probes need no key;
 * `metrics:read` guards the metrics endpoint (see requireScope).
 */
export const SCOPES = ['products:write', 'orders:read', 'orders:write', 'metrics:read'] as const;

export type Scope = (typeof SCOPES)[number];

/** The security scheme's name in the spec and in `@Security('bearer', [...])`. */
export const BEARER_SCHEME = 'bearer';
