import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SCOPES, type Scope } from './scopes.js';

/** A configured API key as the gateway knows it: its id and scopes (the secret is kept only as a hash). */
export interface ApiKey {
  /** Names the key in logs and scopes its idempotency keys; never secret. */
  readonly id: string;
  readonly scopes: ReadonlySet<Scope>;
}

interface StoredKey extends ApiKey {
  /** sha256 of the secret. */
  readonly hash: Buffer;
}

/** Shortest secret accepted in `key`: 32 characters of a random token carry well over 128 bits. */
export const MIN_SECRET_LENGTH = 32;

/** A bearer token's characters (RFC 6750 b64token): a secret must be sendable as one. */
export const TOKEN68 = /^[A-Za-z0-9._~+/-]+=*$/;

const entrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-"'),
  key: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
    .regex(TOKEN68, 'must be a bearer token: letters, digits and . _ ~ + / - (then any =)').optional(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal digits').optional(),
  scopes: z.array(z.enum(SCOPES)).min(1, 'must name at least one scope'),
}).refine((entry) => (entry.key === undefined) !== (entry.sha256 === undefined), 'needs exactly one of "key" and "sha256"');

const listSchema = z.array(entrySchema).min(1, 'must list at least one key (leave it unset to run open)');

/** sha256 of a secret, as stored. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * The configured API keys. Only hashes are kept; a presented secret is hashed and compared with
 * every key's hash in constant time, so neither which key matched nor where two hashes differ
 * shows in the time taken.
 */
export class ApiKeyRing {
  private constructor(private readonly keys: readonly StoredKey[]) {}

  /**
   * Parses the JSON list of keys (README, "Access"): `[{"id", "key" | "sha256", "scopes"}]`.
   * Throws naming `source` and the entry; the messages never contain a secret.
   */
  static parse(text: string, source: string): ApiKeyRing {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // JSON.parse's own message quotes the text, which holds secrets.
      throw new Error(`${source} is not valid JSON (a list of {"id", "key" or "sha256", "scopes"})`);
    }
    const parsed = listSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = (issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
      throw new Error(`${source}${where}: ${issue?.message ?? 'invalid'}`);
    }
    const keys = parsed.data.map((entry): StoredKey => ({
      id: entry.id,
      scopes: new Set(entry.scopes),
      hash: entry.key !== undefined ? hashSecret(entry.key) : Buffer.from(entry.sha256 ?? '', 'hex'),
    }));
    const ids = keys.map((key) => key.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) throw new Error(`${source}: the id "${duplicate}" is used twice`);
    const hashes = keys.map((key) => key.hash.toString('hex'));
    if (new Set(hashes).size !== hashes.length) throw new Error(`${source}: two keys have the same secret`);
    return new ApiKeyRing(keys);
  }

  /** Ids and scopes, for the start-up log line. */
  describe(): { id: string; scopes: Scope[] }[] {
    return this.keys.map((key) => ({ id: key.id, scopes: [...key.scopes] }));
  }

  /** The key whose secret this is, or undefined. */
  find(secret: string): ApiKey | undefined {
    const presented = hashSecret(secret);
    let found: StoredKey | undefined;
    for (const key of this.keys) {
      // Every key is compared, whether or not one matched already.
      if (timingSafeEqual(presented, key.hash) && found === undefined) found = key;
    }
    return found && { id: found.id, scopes: found.scopes };
  }
}
