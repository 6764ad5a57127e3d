import type { PageTokens } from './page-token.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  /** Items to return (1-100). */
  limit: number;
  /** Serve items with seq greater than this (0 for the first page). */
  afterSeq: number;
}

export interface PageViolation {
  field: 'page_size' | 'page_token';
  description: string;
}

/**
 * Validates a list request. page_size 0 means the default (20); negative or above 100 is a violation,
 * as is a malformed or foreign page_token. Returns the page or every violation found.
 */
export function parsePageRequest(
  tokens: PageTokens,
  kind: string,
  pageSize: number,
  pageToken: string,
): { ok: true; page: PageRequest } | { ok: false; violations: PageViolation[] } {
  const violations: PageViolation[] = [];
  if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
    violations.push({ field: 'page_size', description: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  let afterSeq = 0;
  if (pageToken !== '') {
    const decoded = tokens.decode(kind, pageToken);
    if (decoded === undefined) violations.push({ field: 'page_token', description: 'is not a page token this list issued (malformed, edited, truncated or from another list)' });
    else afterSeq = decoded;
  }
  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, page: { limit: pageSize === 0 ? DEFAULT_PAGE_SIZE : pageSize, afterSeq } };
}
