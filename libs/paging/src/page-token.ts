/**
 * Opaque page tokens for keyset paging over a monotonically increasing sequence column.
 *
 * Items are listed in insertion order (seq ascending) and a token holds the last seq served plus the
 * kind of list it belongs to. New items always get a larger seq, so paging while items are added
 * serves each item exactly once. A token from another list, or anything that does not decode, is
 * rejected: callers turn that into INVALID_ARGUMENT.
 */
interface TokenBody {
  v: 1;
  k: string;
  a: number;
}

/** Encodes "after seq N in list `kind`" as a URL-safe opaque string. */
export function encodePageToken(kind: string, afterSeq: number): string {
  const body: TokenBody = { v: 1, k: kind, a: afterSeq };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes a token for list `kind`; undefined when malformed or foreign. */
export function decodePageToken(kind: string, token: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    if (body.v !== 1 || body.k !== kind) return undefined;
    if (typeof body.a !== 'number' || !Number.isSafeInteger(body.a) || body.a < 0) return undefined;
    return body.a;
  } catch {
    return undefined;
  }
}
