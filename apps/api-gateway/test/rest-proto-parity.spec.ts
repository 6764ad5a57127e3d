import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createFileRegistry, fromBinary, ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { OrderStatus, type Order as OrderMessage, type Product as ProductMessage } from '@ecommerce/contracts';
import { MAX_MINOR_AMOUNT, minorToMajor } from '@ecommerce/money';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { toOrder } from '../src/orders/order-mapper.js';
import { toCreateProductMessage, toProduct, toProductStock } from '../src/products/product-mapper.js';
import { fromMoney } from '../src/upstream/wire-values.js';
import { REST_ONLY, SCHEMA_ENUMS, SCHEMA_FIELDS, SCHEMA_MESSAGES } from './rest-proto-parity.js';

// Proto <-> REST parity: the committed OpenAPI spec (what clients see) against proto/ (what the
// services speak), read from buf's image of the protos. The mapping is in rest-proto-parity.ts.
interface RestSchema {
  type?: string; format?: string; nullable?: boolean; $ref?: string; allOf?: RestSchema[]; items?: RestSchema;
  enum?: string[]; properties?: Record<string, RestSchema>;
}
const TABLE = 'apps/api-gateway/test/rest-proto-parity.ts';
const spec = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, RestSchema> };
};
const schemas = spec.components.schemas;

const registry = (() => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-'));
  try {
    const image = join(scratch, 'proto.binpb');
    execFileSync(join(WORKSPACE_ROOT, 'node_modules/.bin/buf'), ['build', '--exclude-source-info', '-o', image], { cwd: WORKSPACE_ROOT });
    return createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(image)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
})();

function message(name: string): DescMessage {
  const found = registry.getMessage(name);
  assert.ok(found, `${TABLE} names ${name}, which proto/ does not define`);
  return found;
}

/** "price.amount_minor" in ecommerce.product.v1.Product -> that field. */
function protoField(messageName: string, path: string): DescField | string {
  let current = message(messageName);
  const names = path.split('.');
  for (const [i, name] of names.entries()) {
    const field = current.fields.find((each) => each.name === name);
    if (!field) return `${current.typeName} has no field ${name}`;
    if (i === names.length - 1) return field;
    if (field.fieldKind !== 'message') return `${current.typeName}.${name} is not a message`;
    current = field.message;
  }
  return 'empty path';
}

const refName = (schema: RestSchema) => (schema.$ref ?? schema.allOf?.[0]?.$ref)?.split('/').at(-1);
const hasPresence = (field: DescField) => field.fieldKind === 'message' || field.presence === FeatureSet_FieldPresence.EXPLICIT;

/** Why a REST value cannot carry what the proto field holds (undefined: it can). */
function incompatibility(rest: RestSchema, field: DescField): string | undefined {
  const ref = refName(rest);
  const wants = (what: string) => `REST ${ref ?? `${rest.type}${rest.format ? ` (${rest.format})` : ''}`} vs proto ${field.toString()}: ${what}`;
  if (rest.nullable && !hasPresence(field) && field.scalar !== ScalarType.STRING) return wants('REST may be null, the proto field has no presence');
  if (ref && SCHEMA_ENUMS[ref]) return field.fieldKind === 'enum' && field.enum.typeName === SCHEMA_ENUMS[ref]?.enum ? undefined : wants(`expected enum ${SCHEMA_ENUMS[ref]?.enum}`);
  if (ref) return field.fieldKind === 'message' && field.message.typeName === SCHEMA_MESSAGES[ref]?.message ? undefined : wants(`expected message ${SCHEMA_MESSAGES[ref]?.message}`);
  if (rest.type === 'array') {
    const item = rest.items && refName(rest.items);
    return field.fieldKind === 'list' && field.listKind === 'message' && item && field.message.typeName === SCHEMA_MESSAGES[item]?.message ? undefined : wants('expected a repeated message of the item schema');
  }
  if (rest.type === 'string' && rest.format === 'date-time') return field.fieldKind === 'message' && field.message.typeName === 'google.protobuf.Timestamp' ? undefined : wants('expected google.protobuf.Timestamp');
  const scalar = field.fieldKind === 'scalar' ? field.scalar : undefined;
  switch (rest.type) {
    case 'string': return scalar === ScalarType.STRING ? undefined : wants('expected string');
    case 'boolean': return scalar === ScalarType.BOOL ? undefined : wants('expected bool');
    case 'integer': return scalar === (rest.format === 'int64' ? ScalarType.INT64 : ScalarType.INT32) ? undefined : wants(`expected ${rest.format ?? 'int32'}`);
    // A JSON number is money in major units: only an int64 amount in minor units (libs/money converts, within its bound).
    case 'number': return scalar === ScalarType.INT64 && field.name === 'amount_minor' ? undefined : wants('a JSON number maps only to a Money amount_minor');
    default: return wants(`no rule for REST type ${rest.type}`);
  }
}

describe('proto <-> REST parity', () => {
  test('every REST schema maps to a proto message, enum or field, or is REST-only', () => {
    const mapped = new Set([...Object.keys(SCHEMA_MESSAGES), ...Object.keys(SCHEMA_FIELDS), ...Object.keys(SCHEMA_ENUMS), ...Object.keys(REST_ONLY)]);
    assert.deepEqual(Object.keys(schemas).filter((name) => !mapped.has(name)), [], `map each schema in ${TABLE}, or list it in REST_ONLY with the reason`);
  });

  test('every REST field maps to a proto field of a compatible type, or is listed as REST-only', () => {
    const problems: string[] = [];
    for (const [name, mapping] of Object.entries(SCHEMA_MESSAGES)) {
      const schema = schemas[name];
      if (!schema) continue;
      for (const [property, rest] of Object.entries(schema.properties ?? {})) {
        if (REST_ONLY[`${name}.${property}`]) continue;
        const field = protoField(mapping.message, mapping.fields?.[property] ?? property);
        if (typeof field === 'string') problems.push(`${name}.${property}: no proto counterpart (${field})`);
        else {
          const why = incompatibility(rest, field);
          if (why) problems.push(`${name}.${property}: ${why}`);
        }
      }
    }
    for (const [name, path] of Object.entries(SCHEMA_FIELDS)) {
      const messageName = path.split('.').slice(0, -1).join('.');
      const field = protoField(messageName, path.split('.').at(-1) ?? '');
      const why = typeof field === 'string' ? field : schemas[name] && incompatibility(schemas[name], field);
      if (why) problems.push(`${name}: ${why}`);
    }
    assert.deepEqual(problems, [], `map each REST field to its proto field in ${TABLE} (SCHEMA_MESSAGES), or list it in REST_ONLY with the reason:\n${problems.join('\n')}`);
  });

  test('the REST-only list names only what the spec has', () => {
    const stale = Object.keys(REST_ONLY).filter((entry) => {
      const [name = '', property] = entry.split('.');
      return property ? !schemas[name]?.properties?.[property] : !schemas[name];
    });
    assert.deepEqual(stale, [], `remove stale REST_ONLY entries from ${TABLE}`);
  });

  test('enum values match: REST drops the proto prefix (ORDER_STATUS_CONFIRMED -> CONFIRMED), through the mapper too', () => {
    for (const [name, { enum: enumName, prefix }] of Object.entries(SCHEMA_ENUMS)) {
      const protoEnum = registry.getEnum(enumName);
      assert.ok(protoEnum, `proto/ defines ${enumName}`);
      const values = protoEnum.values.filter((value) => value.number !== 0);
      assert.ok(values.every((value) => value.name.startsWith(prefix)), `every ${enumName} value starts with ${prefix}`);
      assert.deepEqual([...(schemas[name]?.enum ?? [])].sort(), values.map((value) => value.name.slice(prefix.length)).sort(), `${name} vs ${enumName}`);
    }
    const order = (status: OrderStatus): OrderMessage => ({
      id: 'o1', productId: 'p1', quantity: 1, unitPrice: { amountMinor: '100', currency: 'USD' }, totalPrice: { amountMinor: '100', currency: 'USD' },
      status, createTime: new Date(0),
    });
    for (const value of registry.getEnum('ecommerce.order.v1.OrderStatus')?.values ?? []) {
      if (value.number === 0) assert.throws(() => toOrder(order(value.number)), /order status/);
      else assert.equal(toOrder(order(value.number)).status, value.name.replace('ORDER_STATUS_', ''));
    }
  });

  test("the mappers produce exactly the schema's fields (less the REST-only ones)", () => {
    const product: ProductMessage = {
      id: 'p1', name: 'Mug', description: '', price: { amountMinor: '1250', currency: 'EUR' }, stock: 3,
      createTime: new Date(0), updateTime: new Date(0), etag: '"1"',
    };
    const produced = {
      Product: toProduct(product),
      ProductStock: toProductStock({ productId: 'p1', stock: 3, etag: '"stock-1"', updateTime: new Date(0) }),
      Order: toOrder({ id: 'o1', productId: 'p1', quantity: 2, unitPrice: product.price, totalPrice: { amountMinor: '2500', currency: 'EUR' }, status: OrderStatus.ORDER_STATUS_CONFIRMED, createTime: new Date(0) }),
    };
    for (const [name, value] of Object.entries(produced)) {
      const expected = Object.keys(schemas[name]?.properties ?? {}).filter((property) => !REST_ONLY[`${name}.${property}`]).sort();
      assert.deepEqual(Object.keys(value).sort(), expected, `${name}: what the mapper returns vs the spec's schema`);
    }
  });

  test('money survives the mapping at its bounds, both ways, in currencies of 0, 2, 3 and 4 decimals', () => {
    for (const currency of ['JPY', 'USD', 'KWD', 'CLF']) {
      for (const minor of [1, MAX_MINOR_AMOUNT]) {
        const major = minorToMajor(minor, currency);
        const wire = { amountMinor: String(minor), currency };
        const out = fromMoney(wire).amount;
        assert.equal(out, major, `${minor} ${currency} out`);
        const overJson = JSON.parse(JSON.stringify({ price: out })) as { price: number };
        const back = toCreateProductMessage({ name: 'Bound', price: overJson.price, currency }, '').price;
        assert.deepEqual(back, wire, `${major} ${currency} back in`);
      }
      const beyond = minorToMajor(MAX_MINOR_AMOUNT + 1, currency);
      assert.throws(() => toCreateProductMessage({ name: 'Beyond', price: beyond, currency }, ''), (error: Error & { status?: number }) => error.status === 400, `${beyond} ${currency} is refused`);
      assert.throws(() => fromMoney({ amountMinor: String(MAX_MINOR_AMOUNT + 1), currency }), /invalid amount/, `an upstream amount beyond the bound in ${currency} is an error`);
    }
  });
});
