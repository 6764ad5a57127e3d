/**
 * Entity-tags (RFC 9110 strong ones, AIP-154 `etag` fields) of a product's catalog fields and of
 * its stock: two resources, two counters, so an order (which changes stock) never changes the
 * product's etag and an editor's save never fails because someone bought something.
 */
export function productEtag(version: number): string {
  return `"${version}"`;
}

export function stockEtag(stockVersion: number): string {
  return `"stock-${stockVersion}"`;
}
