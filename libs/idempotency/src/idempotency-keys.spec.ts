import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status } from '@grpc/grpc-js';
import { defineEntity, p } from '@mikro-orm/core';
import { CallerGoneError, IDEMPOTENCY_SCOPE_KEY, REPLAYED_KEY, RpcError, createCallContext, notFound } from '@ecommerce/grpc-kit';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { SchemaMigration, openDatabase, type Database, type ServiceSchema, type SqlClient } from '@ecommerce/persistence';
import { STORES, rejection, tempStore } from '@ecommerce/testing';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { IdempotencyKeysMigration } from './idempotency-keys-migration.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { idempotentRequest, type MessageCodec } from './idempotent-request.js';

// The key store on both engines, with a table of its own to write to: what a keyed write commits,
// what its retries answer, and what it refuses to commit.
const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: { id: p.string().length(36).primary(), text: p.text() },
});

class CreateNote extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('note', (table) => {
      table.string('id', 36).notNullable().primary();
      table.text('text').notNullable();
    }));
  }
}

const SCHEMA: ServiceSchema = {
  entities: [Note, IdempotencyKeyEntity],
  migrations: [{ name: '0001-note', class: CreateNote }, { name: '0002-idempotency-keys', class: IdempotencyKeysMigration }],
  schema: 'idempotency_test',
};

interface AddNote { text: string; requestId: string }
interface NoteAdded { id: string; text: string }

/** Stand-ins for ts-proto codecs: the requests and responses as JSON bytes. */
function jsonCodec<T>(): MessageCodec<T> {
  return {
    encode: (message) => ({ finish: () => Buffer.from(JSON.stringify(message)) }),
    decode: (input) => JSON.parse(Buffer.from(input).toString()) as T,
  };
}
const requests = jsonCodec<AddNote>();
const responses = jsonCodec<NoteAdded>();

/** A call's metadata naming its idempotency scope (an API key id), or none (open mode). */
function scoped(scope?: string): { metadata: Metadata } {
  const metadata = new Metadata();
  if (scope !== undefined) metadata.set(IDEMPOTENCY_SCOPE_KEY, scope);
  return { metadata };
}

let serial = 0;
async function addNote(tx: SqlClient, text: string): Promise<NoteAdded> {
  serial += 1;
  const id = `note-${process.pid}-${serial}`;
  await tx.run('insert into note (id, text) values (?, ?)', [id, text]);
  return { id, text };
}

for (const store of STORES) describe(`idempotency keys (${store})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let keys: IdempotencyKeys;
  const notes = async () => (await db.all<{ text: string }>('select text from note order by id')).map((row) => row.text);
  const keyed = (key: string, text: string, scope?: string) => idempotentRequest('AddNote', requests, { text, requestId: key }, scoped(scope));
  const write = (key: string, text: string, context = createCallContext(), into = keys) =>
    into.write(keyed(key, text), responses, context, (tx) => addNote(tx, text));

  before(async () => {
    const temp = await tempStore(store);
    drop = temp.drop;
    db = await openDatabase(SCHEMA, temp.location);
    keys = new IdempotencyKeys(db, { ttlMs: 60_000 });
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  test('the same key and request again answer the stored outcome, replayed, and write nothing more', async () => {
    const first = createCallContext();
    const created = await write('k-replay', 'replay me', first);
    assert.deepEqual(first.responseMetadata.get(REPLAYED_KEY), [], 'the first answer is not a replay');
    const again = createCallContext();
    assert.deepEqual(await write('k-replay', 'replay me', again), created);
    assert.deepEqual(again.responseMetadata.get(REPLAYED_KEY), ['true']);
    assert.deepEqual((await notes()).filter((text) => text === 'replay me'), ['replay me']);
  });

  test('the same key with another request is IDEMPOTENCY_KEY_REUSED and changes nothing; another operation has its own keys', async () => {
    await write('k-reused', 'first body');
    const error = await rpcFailure(write('k-reused', 'second body'));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'IDEMPOTENCY_KEY_REUSED');
    assert.ok(!(await notes()).includes('second body'));
    const other = idempotentRequest('RenameNote', requests, { text: 'second body', requestId: 'k-reused' }, scoped());
    await keys.write(other, responses, createCallContext(), (tx) => addNote(tx, 'second body'));
    assert.ok((await notes()).includes('second body'), 'a key is scoped to its operation');
  });

  test('keys are scoped per caller: the same key from two API keys is two requests; a malformed scope is refused', async () => {
    const asA = await keys.write(keyed('k-shared', 'from A', 'key-a'), responses, createCallContext(), (tx) => addNote(tx, 'from A'));
    const asB = await keys.write(keyed('k-shared', 'from B', 'key-b'), responses, createCallContext(), (tx) => addNote(tx, 'from B'));
    assert.notEqual(asA.id, asB.id, 'B is not answered with A\'s outcome (nor refused as a reuse)');
    const againA = createCallContext();
    assert.deepEqual(await keys.write(keyed('k-shared', 'from A', 'key-a'), responses, againA, (tx) => addNote(tx, 'from A')), asA);
    assert.deepEqual(againA.responseMetadata.get(REPLAYED_KEY), ['true'], 'A still replays its own outcome');
    for (const bad of ['', 'a b', 'x'.repeat(65)]) {
      assert.throws(() => keyed('k-bad', 'x', bad), (error: unknown) => error instanceof RpcError && error.reason === 'REQUEST_METADATA_INVALID', JSON.stringify(bad));
    }
  });

  test('the caller\'s own mistake (4xx) is stored and replayed; a transient failure stores nothing', async () => {
    const refuse = () => keys.write(keyed('k-mistake', 'x'), responses, createCallContext(), async () => {
      throw notFound('PRODUCT_NOT_FOUND', 'product', 'p-1');
    });
    assert.equal((await rpcFailure(refuse())).reason, 'PRODUCT_NOT_FOUND');
    const context = createCallContext();
    const replayed = await rpcFailure(keys.write(keyed('k-mistake', 'x'), responses, context, (tx) => addNote(tx, 'x')));
    assert.equal(replayed.reason, 'PRODUCT_NOT_FOUND', 'the stored outcome, not a new attempt');
    assert.deepEqual(replayed.metadata, { product_id: 'p-1' });
    assert.deepEqual(context.responseMetadata.get(REPLAYED_KEY), ['true']);

    const flaky = await rejection(keys.write(keyed('k-transient', 'y'), responses, createCallContext(), async (tx) => {
      await addNote(tx, 'y');
      throw new RpcError('PRODUCT_SERVICE_UNAVAILABLE', 'product-service is unavailable; retry later');
    }));
    assert.ok(flaky instanceof RpcError);
    assert.ok(!(await notes()).includes('y'), 'the failed attempt rolled back');
    await write('k-transient', 'y');
    assert.deepEqual((await notes()).filter((text) => text === 'y'), ['y'], 'the retry ran afresh');
  });

  test('ten concurrent requests with one key make one write and all answer it', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => write('k-concurrent', 'once')));
    assert.equal(new Set(answers.map((a) => a.id)).size, 1);
    assert.deepEqual((await notes()).filter((text) => text === 'once'), ['once']);
  });

  test('nothing commits for a caller that has given up: past its deadline, or cancelled', async () => {
    for (const [caller, code] of [
      [createCallContext({ deadline: Date.now() - 1 }), status.DEADLINE_EXCEEDED],
      [createCallContext({ cancelled: () => true }), status.CANCELLED],
    ] as const) {
      for (const key of ['k-gone', undefined]) {
        const text = `gone ${code} ${key ?? 'unkeyed'}`;
        const error = await rejection(keys.write(key ? keyed(key + code, text) : undefined, responses, caller, (tx) => addNote(tx, text)));
        assert.ok(error instanceof CallerGoneError && error.code === code, String(error));
        assert.ok(!(await notes()).includes(text), `${text}: nothing written`);
      }
    }
    // Nothing was stored either: the caller's retry runs afresh.
    await write(`k-gone${status.CANCELLED}`, `gone ${status.CANCELLED} k-gone`);
    assert.ok((await notes()).includes(`gone ${status.CANCELLED} k-gone`));
  });

  test('keys expire after their retention: a retry then runs afresh, and the purge removes them', async () => {
    const shortLived = new IdempotencyKeys(db, { ttlMs: 200 });
    const first = await write('k-expiry', 'expiring', createCallContext(), shortLived);
    assert.deepEqual(await write('k-expiry', 'expiring', createCallContext(), shortLived), first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await write('k-expiry', 'expiring', createCallContext(), shortLived);
    assert.notEqual(second.id, first.id, 'an expired key is a new request');
    await write('k-purged', 'purged', createCallContext(), shortLived);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok((await shortLived.purgeExpired()) >= 2);
    assert.equal((await db.get<{ n: number }>("select count(*) as n from idempotency_key where key in ('k-expiry', 'k-purged')"))?.n, 0);
  });

  test('once(): work that does its own I/O runs once per key; its first outcome answers every retry', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { id: `remote-${runs}`, text: 'remote' };
    };
    const request = keyed('k-once', 'remote');
    const first = await keys.once(request, responses, createCallContext(), work);
    const context = createCallContext();
    assert.deepEqual(await keys.once(request, responses, context, work), first);
    assert.equal(runs, 1);
    assert.deepEqual(context.responseMetadata.get(REPLAYED_KEY), ['true']);
    assert.equal((await rpcFailure(keys.once(keyed('k-once', 'other'), responses, createCallContext(), work))).reason, 'IDEMPOTENCY_KEY_REUSED');
  });

  test('a key must be 1 to 255 printable ASCII characters', () => {
    for (const bad of ['x'.repeat(256), 'tab\there', 'naïve', 'nul\u0000']) {
      assert.throws(() => keyed(bad, 'x'), (error: unknown) => error instanceof RpcError && error.fieldViolations[0]?.field === 'request_id', JSON.stringify(bad));
    }
    assert.equal(keyed('', 'x'), undefined, 'no key: no deduplication');
    assert.equal(keyed(' ~'.repeat(127) + 'a', 'x')?.key.length, 255);
  });
});
