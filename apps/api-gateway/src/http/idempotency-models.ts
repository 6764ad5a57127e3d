/**
 * Makes a retry safe: the same key with the same request again answers the first outcome (same
 * status and body, with `Idempotent-Replayed: true`) instead of acting twice; the same key with
 * another request is 422. Any 1 to 255 printable ASCII characters; a fresh UUID per logical
 * request is best (the SDK sends one, kept across its retries). Kept 24 hours.
 * @minLength 1 must be 1 to 255 printable ASCII characters
 * @maxLength 255 must be 1 to 255 printable ASCII characters
 * @pattern ^[\x20-\x7e]+$ must be 1 to 255 printable ASCII characters
 */
export type IdempotencyKey = string;
