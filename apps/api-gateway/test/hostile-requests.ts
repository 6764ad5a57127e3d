import fc from 'fast-check';

/** One HTTP request as sent on the wire (the body already bytes or text). */
export interface HostileRequest {
  /** What makes it invalid, for the failure report. */
  defect: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** The resources the requests aim at: they exist, and no generated request may change them. */
export interface Targets {
  productId: string;
  orderId: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const KNOWN_FIELDS = new Set(['name', 'description', 'price', 'currency', 'stock', 'product_id', 'quantity']);

/** A string with the characters hostile input likes: controls, surrogate halves, emoji, RTL marks, NUL. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => text.isWellFormed()),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u202e', '🎧', 'é', 'x'.repeat(250)),
);
/** Numbers as JSON text, including ones a double cannot hold. */
const nastyNumberText = fc.oneof(
  fc.constantFrom('0', '-1', '-0.01', '1e400', '-1e400', '19.999999999999999999', '4.9999999999999999', '9999.9999999999999',
    '1.001', '0.001', '1e16', '9007199254740993', '1.5', '2147483648', '1e-400'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);
/** Any JSON value (as text), deeply nested sometimes. */
const anyJsonText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.nat({ max: 60 }).map((depth) => `${'['.repeat(depth + 33)}1${']'.repeat(depth + 33)}`),
  fc.constantFrom('null', '[]', '"text"', 'true', '{', '{"a":}', '{"a":1,"a":2}', '{"name":"\\ud800"}', ''),
);
/** A path segment fetch sends as it is: "." and ".." would be resolved away before the request leaves. */
const sendable = (segment: string) => segment !== '' && !/^(\.|%2e){1,2}$/i.test(segment);
/** Not a UUID (already percent-encoded for a path). */
const badId = fc.oneof(
  fc.constantFrom('abc', '1', '550e8400-e29b-41d4-a716', '550e8400e29b41d4a716446655440000x', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', '%20'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((s) => !/^[0-9a-fA-F-]{36}$/.test(s)).map(encodeURIComponent).filter(sendable),
);
const unknownUuid = fc.uuid({ version: 4 });
const badIfMatch = fc.constantFrom('"unterminated', 'W/', 'etag', '"a", ,', '*, "1"', '""x', ' , ');
const badIdempotencyKey = fc.oneof(fc.constant('k'.repeat(256)), fc.constant('caf\u00e9'.repeat(3)));
const unknownField = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).filter((key) => !KNOWN_FIELDS.has(key) && key !== '__proto__');

/** True for JSON text that is an object whose members are all fields the API knows (it might be valid). */
function onlyKnownFields(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => KNOWN_FIELDS.has(key));
  } catch {
    return false;
  }
}

/** A JSON object text of valid fields plus `extra` members (already JSON text). */
function objectText(fields: Record<string, string>): string {
  return `{${Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** A product body with exactly one kind of defect, or a defective transport around a valid one. */
function productBody(mode: 'create' | 'patch'): fc.Arbitrary<{ defect: string; body: string | Uint8Array; headers: Record<string, string> }> {
  const valid: Record<string, string> = mode === 'create' ? { name: '"Hostile"', price: '9.99' } : { name: '"Renamed"' };
  const field = (defect: string, key: string, value: fc.Arbitrary<string>) =>
    value.map((text) => ({ defect, body: objectText({ ...valid, [key]: text }), headers: JSON_TYPE }));
  return fc.oneof(
    field('name', 'name', fc.oneof(
      fc.constantFrom('""', '"   "', `"${'n'.repeat(201)}"`, '"nul\\u0000"', '"bell\\u0007"', '"\\ud800"', '1', 'null', '[]', '{}'),
    )),
    field('price', 'price', fc.oneof(nastyNumberText.filter((t) => !/^(\d+(\.\d{1,2})?)$/.test(t) || Number(t) <= 0), fc.constantFrom('"9.99"', 'null', '[]'))),
    field('currency', 'currency', fc.constantFrom('"usd"', '"XYZ"', '"XAU"', '1', '""', '"EURO"')),
    field('stock', 'stock', fc.constantFrom('-1', '1.5', '4.9999999999999999', '2147483648', '"5"', '[]')),
    field('description', 'description', fc.constantFrom('"nul\\u0000"', `"${'d'.repeat(2001)}"`, '"\\udc00"', '5')),
    unknownField.map((key) => ({ defect: `unknown field ${key}`, body: objectText({ ...valid, [key]: '1' }), headers: JSON_TYPE })),
    anyJsonText.filter((text) => text.trim() !== '' && !onlyKnownFields(text)).map((text) => ({ defect: 'not a product body', body: text, headers: JSON_TYPE })),
    fc.nat({ max: 20 }).map((cut) => ({ defect: 'truncated JSON', body: objectText(valid).slice(0, -1 - (cut % 5)), headers: JSON_TYPE })),
    fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data')
      .map((type) => ({ defect: `content type ${type}`, body: objectText(valid), headers: { 'content-type': type } })),
    fc.constant({
      defect: 'invalid UTF-8',
      body: new Uint8Array([...Buffer.from('{"name":"caf'), 0xc3, 0x28, ...Buffer.from(`"${mode === 'create' ? ',"price":1' : ''}}`)]),
      headers: JSON_TYPE,
    }),
    ...(mode === 'create'
      ? [fc.constantFrom(...Object.keys(valid)).map((key) => {
        const { [key]: _dropped, ...rest } = valid;
        return { defect: `missing ${key}`, body: objectText(rest), headers: JSON_TYPE };
      })]
      : [fc.constantFrom('price', 'currency').map((key) => ({
        defect: `${key} without its partner`, body: objectText({ [key]: key === 'price' ? '10' : '"EUR"' }), headers: JSON_TYPE,
      }))]),
    badIdempotencyKey.map((key) => ({ defect: 'bad Idempotency-Key', body: objectText(valid), headers: { ...JSON_TYPE, 'idempotency-key': key } })),
  );
}

/** An order body that can never place an order: invalid, or more than the target's stock of 5. */
const orderBody = (productId: string) => fc.oneof(
  fc.constantFrom('0', '-1', '10001', '1.5', '9999.9999999999999', '"2"', 'null', '6', '10000', '1e400')
    .map((quantity) => ({ defect: `quantity ${quantity}`, body: objectText({ product_id: JSON.stringify(productId), quantity }) })),
  badId.map((id) => ({ defect: `product_id ${id}`, body: objectText({ product_id: JSON.stringify(decodeURIComponent(id)), quantity: '1' }) })),
  unknownUuid.map((id) => ({ defect: 'unknown product', body: objectText({ product_id: JSON.stringify(id), quantity: '1' }) })),
  unknownField.map((key) => ({ defect: `unknown field ${key}`, body: objectText({ product_id: JSON.stringify(productId), quantity: '1', [key]: '1' }) })),
  anyJsonText.filter((text) => !onlyKnownFields(text)).map((text) => ({ defect: 'not an order body', body: text })),
);

/**
 * Requests that must all be refused with a 4xx problem and change nothing: every operation of the
 * API, with bodies, query strings, headers and ids the client got wrong.
 */
export function hostileRequests(targets: Targets): fc.Arbitrary<HostileRequest> {
  const { productId, orderId } = targets;
  const request = (method: string, path: string, extra: Partial<HostileRequest> & { defect: string }): HostileRequest =>
    ({ method, path, headers: {}, ...extra });
  return fc.oneof(
    productBody('create').map((b) => request('POST', '/products', b)),
    productBody('patch').map((b) => request('PATCH', `/products/${productId}`, b)),
    fc.tuple(badId, productBody('patch')).map(([id, b]) => request('PATCH', `/products/${id}`, { ...b, defect: `${b.defect}, id ${id}` })),
    badIfMatch.map((tag) => request('PATCH', `/products/${productId}`, { defect: `If-Match ${tag}`, body: '{"description":"x"}', headers: { ...JSON_TYPE, 'if-match': tag } })),
    fc.oneof(badId, unknownUuid).map((id) => request('DELETE', `/products/${id}`, { defect: `delete ${id}` })),
    badIfMatch.map((tag) => request('DELETE', `/products/${productId}`, { defect: `delete If-Match ${tag}`, headers: { 'if-match': tag } })),
    fc.constantFrom('-1', '1.5', '"5"', '2147483648', '4.9999999999999999', '[]')
      .map((stock) => request('PUT', `/products/${productId}/stock`, { defect: `stock ${stock}`, body: `{"stock":${stock}}`, headers: JSON_TYPE })),
    fc.constantFrom('{}', '{"stock":1,"extra":1}', 'null', '{"stock":')
      .map((body) => request('PUT', `/products/${productId}/stock`, { defect: `stock body ${body}`, body, headers: JSON_TYPE })),
    badIfMatch.map((tag) => request('PUT', `/products/${productId}/stock`, { defect: `stock If-Match ${tag}`, body: '{"stock":3}', headers: { ...JSON_TYPE, 'if-match': tag } })),
    orderBody(productId).map((b) => request('POST', '/orders', { ...b, headers: JSON_TYPE })),
    fc.oneof(badId, unknownUuid).map((id) => request('POST', `/orders/${id}/cancel`, { defect: `cancel ${id}` })),
    badIdempotencyKey.map((key) => request('POST', `/orders/${orderId}/cancel`, { defect: 'cancel with a bad key', headers: { 'idempotency-key': key } })),
    fc.tuple(fc.constantFrom('/products', '/orders'), fc.oneof(
      fc.constantFrom('page_size=0', 'page_size=101', 'page_size=-1', 'page_size=abc', 'page_size=1.5', 'page_token=garbage',
        'page_token=e30.AAAAAAAAAAAAAAAAAAAAAA', 'page_size=1e400'),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }).map((token) => `page_token=${encodeURIComponent(`x${token}`)}`),
    )).map(([list, query]) => request('GET', `${list}?${query}`, { defect: `list ${query}` })),
    fc.constantFrom('product_id=nope', 'status=SHIPPED', 'status=confirmed', 'product_id=1').map((query) => request('GET', `/orders?${query}`, { defect: `filter ${query}` })),
    fc.tuple(fc.constantFrom('/products', '/orders', '/products/{id}/stock'), fc.oneof(badId, unknownUuid))
      .map(([template, id]) => request('GET', template.includes('{id}') ? template.replace('{id}', id) : `${template}/${id}`, { defect: `get ${id}` })),
    badIfMatch.map((tag) => request('GET', `/products/${productId}`, { defect: `If-None-Match ${tag}`, headers: { 'if-none-match': tag } })),
    fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'POST'), fc.constantFrom('/products', '/orders', `/orders/${orderId}`, '/healthz', '/openapi.json'))
      .filter(([method, path]) => !(method === 'POST' && (path === '/products' || path === '/orders')))
      .map(([method, path]) => request(method, path, { defect: `${method} ${path}` })),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }).map((tail) => request('GET', `/nope/${encodeURIComponent(tail)}`, { defect: 'unknown route' })),
    nastyText.map((text) => encodeURIComponent(text)).filter(sendable)
      .map((segment) => request('GET', `/products/${segment}`, { defect: 'id from nasty text' })),
  );
}
