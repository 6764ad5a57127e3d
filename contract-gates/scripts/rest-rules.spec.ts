import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { BASELINE } from './baseline.js';
import { compareSpecs } from './rest-rules.js';

// Each rule of the REST gate on one change to the released spec (the baseline, used as a fixture).
type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[]; enum?: string[]; maximum?: number };
type Spec = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, Schema> } };
const released = JSON.parse(readFileSync(BASELINE.spec, 'utf8')) as Spec;

function changed(edit: (spec: Spec) => void) {
  const spec = structuredClone(released);
  edit(spec);
  const changes = compareSpecs(released, spec);
  assert.ok(changes.length > 0, 'the edit is seen');
  return { breaking: changes.filter((c) => c.breaking).map((c) => c.text), compatible: changes.filter((c) => !c.breaking).map((c) => c.text) };
}
const schema = (spec: Spec, name: string) => spec.components.schemas[name] as Schema;

describe('the REST gate rules', () => {
  test('the released spec against itself: no change', () => {
    assert.deepEqual(compareSpecs(released, structuredClone(released)), []);
  });

  test('a removed response field is breaking, named where it is returned', () => {
    const { breaking } = changed((spec) => {
      delete schema(spec, 'Product').properties['etag'];
      schema(spec, 'Product').required = schema(spec, 'Product').required?.filter((name) => name !== 'etag');
    });
    assert.ok(breaking.includes('GET /products/{id}: response 200 (application/json) body etag: removed'), breaking.join('\n'));
    assert.ok(breaking.includes('GET /products: response 200 (application/json) body products[].etag: removed'), breaking.join('\n'));
  });

  test('an optional field added to a request or a response is not breaking', () => {
    const { breaking, compatible } = changed((spec) => {
      schema(spec, 'Product').properties['color'] = { type: 'string' };
      schema(spec, 'CreateProductRequest').properties['color'] = { type: 'string' };
    });
    assert.deepEqual(breaking, []);
    assert.ok(compatible.includes('POST /products: request body (application/json) color: added'), compatible.join('\n'));
  });

  test('a new required request field is breaking', () => {
    const { breaking } = changed((spec) => schema(spec, 'CreateProductRequest').required?.push('description'));
    assert.deepEqual(breaking, ['POST /products: request body (application/json): now requires `description`']);
  });

  test('a removed path and a removed status code are breaking', () => {
    const { breaking } = changed((spec) => {
      delete spec.paths['/healthz'];
      delete spec.paths['/products/{id}']?.['get']?.responses['304'];
    });
    assert.deepEqual(breaking.sort(), ['GET /healthz', 'GET /products/{id}: response 304'].map((text) => `${text}: removed`).sort());
  });

  test('a narrowed parameter is breaking', () => {
    const { breaking } = changed((spec) => {
      schema(spec, 'PageSize').maximum = 50;
    });
    assert.ok(breaking.includes('GET /products: parameter page_size maximum: `maximum` changed from 100 to 50'), breaking.join('\n'));
  });

  test('a value added to a response enum is not breaking (the SDK unions are open); one removed is', () => {
    const added = changed((spec) => schema(spec, 'ServingStatus').enum?.push('UNKNOWN'));
    assert.deepEqual(added.breaking, []);
    const removed = changed((spec) => schema(spec, 'ServingStatus').enum?.pop());
    assert.ok(removed.breaking.includes('GET /readyz: response 503 (application/json) body services.product-service: enum value "NOT_SERVING" removed'), removed.breaking.join('\n'));
  });

  test('a value added to an enum shared by a response and a query parameter breaks nothing; removing it breaks the parameter', () => {
    const added = changed((spec) => schema(spec, 'OrderStatus').enum?.push('SHIPPED'));
    assert.deepEqual(added.breaking, []);
    const removed = changed((spec) => schema(spec, 'OrderStatus').enum?.pop());
    assert.ok(removed.breaking.includes('GET /orders: parameter status: enum value "CANCELLED" removed'), removed.breaking.join('\n'));
  });

  test('nullable by direction: a request may become nullable, a response may stop being nullable', () => {
    assert.deepEqual(changed((spec) => Object.assign(schema(spec, 'CreateProductRequest').properties['description'] ?? {}, { nullable: true })).breaking, []);
    assert.deepEqual(changed((spec) => Object.assign(schema(spec, 'ProductStock').properties['stock'] ?? {}, { nullable: false })).breaking, []);
    assert.notDeepEqual(changed((spec) => Object.assign(schema(spec, 'Product').properties['description'] ?? {}, { nullable: true })).breaking, []);
  });
});
