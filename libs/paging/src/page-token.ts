import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque, tamper-evident page tokens for keyset paging over a monotonically increasing sequence
 * column.
 *
 * Items are listed in insertion order (seq ascending) and a token holds the last seq served plus the
 * kind of list it belongs to, signed with HMAC-SHA256 under the service's key (PAGE_TOKEN_SECRET,
 * shared by its replicas). New items always get a larger seq, so paging while items are added
 * serves each item exactly once. An edited, truncated or foreign token (another list, another
 * key) does not verify: callers turn that into INVALID_ARGUMENT.
 */
interface TokenBody {
  v: 1;
  k: string;
  a: number;
}

/** Bytes of the MAC kept in a token (128 bits). */
const MAC_BYTES = 16;
const TOKEN = /^([A-Za-z0-9_-]{1,160})\.([A-Za-z0-9_-]{22})$/;

export class PageTokens {
  private readonly key: Buffer;

  /** @param key at least 32 bytes of secret (a string is taken as its UTF-8 bytes) */
  constructor(key: Buffer | string) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (this.key.length < 32) throw new RangeError('a page token key must be at least 32 bytes');
  }

  /** "after seq N in list `kind`" as a URL-safe opaque string. */
  encode(kind: string, afterSeq: number): string {
    const body: TokenBody = { v: 1, k: kind, a: afterSeq };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The seq a token for list `kind` resumes after; undefined when it is malformed, edited or foreign. */
  decode(kind: string, token: string): number | undefined {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const [, payload = '', mac = ''] = match;
    // Compared as text: base64 leaves spare bits in the last character, which must not vary either.
    if (!timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(payload).toString('base64url')))) return undefined;
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenBody>;
      if (body.v !== 1 || body.k !== kind) return undefined;
      if (typeof body.a !== 'number' || !Number.isSafeInteger(body.a) || body.a < 0) return undefined;
      return body.a;
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update('page-token\0').update(payload).digest().subarray(0, MAC_BYTES);
  }
}

/**
 * The service's page tokens: under PAGE_TOKEN_SECRET when it is set, else under a key generated
 * once and kept in the service's database (`generated`), with a warning.
 */
export async function pageTokensFrom(secret: string | undefined, generated: () => Promise<string>, warn: (message: string) => void): Promise<PageTokens> {
  if (secret !== undefined) return new PageTokens(secret);
  warn('PAGE_TOKEN_SECRET is not set: page tokens are signed with a key generated once and kept in this database '
    + '(the same for every replica on it, kept across restarts); set it to choose the key yourself');
  return new PageTokens(await generated());
}
