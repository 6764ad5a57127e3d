import { validationFailed } from '../errors/gateway-problem.js';

/** One member of an If-Match / If-None-Match list: "*" or an RFC 9110 entity-tag (commas may sit inside quotes). */
const MEMBER = /\s*(\*|(?:W\/)?"[\x21\x23-\x7e]*")\s*(?:,|$)/y;

/**
 * An If-Match / If-None-Match header -> its entity-tags (RFC 9110 §13.1: "*" or a comma-separated
 * list). Absent or blank -> []. A malformed header is a 400 naming the header.
 */
export function parseEntityTags(header: string | undefined, name: 'If-Match' | 'If-None-Match'): string[] {
  if (header === undefined || header.trim() === '') return [];
  const tags: string[] = [];
  MEMBER.lastIndex = 0;
  while (MEMBER.lastIndex < header.length) {
    const match = MEMBER.exec(header);
    if (!match) break;
    tags.push(match[1] as string);
  }
  if (MEMBER.lastIndex < header.length || tags.length === 0 || tags.length > 20 || (tags.includes('*') && tags.length > 1)) {
    throw validationFailed([{ field: name, message: 'must be "*" or a list of entity-tags such as "3"' }]);
  }
  return tags;
}

/** RFC 9110 If-None-Match on a GET: true when the current etag matches (weak comparison): answer 304. */
export function noneMatchHits(current: string, tags: readonly string[]): boolean {
  const opaque = (tag: string) => tag.replace(/^W\//, '');
  return tags.includes('*') || tags.some((tag) => opaque(tag) === opaque(current));
}
