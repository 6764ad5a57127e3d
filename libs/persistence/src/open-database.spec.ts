import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defineEntity, p } from '@mikro-orm/core';
import { createTempPostgresDatabase, tempDataDir } from '@ecommerce/testing';
import { migrate, openDatabase, schemaDrift } from './open-database.js';
import type { ServiceSchema } from './orm-config.js';
import { SchemaMigration } from './schema-migration.js';
import { ServiceSecretEntity, ServiceSecretsMigration, storedSecret } from './service-secrets.js';
import { asDate, isUniqueViolation, type Database } from './sql-client.js';

const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: { seq: p.integer().primary().autoincrement(), text: p.text(), createdAt: p.datetime() },
});

class CreateNote extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('note', (table) => {
      table.increments('seq').primary();
      table.text('text').notNullable();
      table.datetime('created_at', { useTz: true }).notNullable();
    }));
  }
}

class AddNoteIndex extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().alterTable('note', (table) => table.unique(['text'])));
  }
}

const V1: ServiceSchema = { entities: [Note], migrations: [{ name: '0001', class: CreateNote }], schema: 'note_service' };
const V2: ServiceSchema = { ...V1, migrations: [...V1.migrations, { name: '0002', class: AddNoteIndex }] };
const HOSTILE = ["it's", 'a "quoted" value', "'); drop table note; --", 'tab\tnew\nline', 'nul\u0000byte'];

test('SQLite: creates the file, applies each migration once, keeps rows across opens', async () => {
  const data = tempDataDir('persistence-');
  const location = { sqlitePath: join(data.dir, 'nested', 'db.sqlite') };
  try {
    const messages: string[] = [];
    const first = await openDatabase(V1, location, { log: (m) => messages.push(m) });
    await first.run('insert into note (text, created_at) values (?, ?)', ['kept', new Date(1_700_000_000_000)]);
    await first.close();
    assert.ok(messages.some((m) => m.includes("Applied '0001'")));

    messages.length = 0;
    const second = await openDatabase(V2, location, { log: (m) => messages.push(m) });
    assert.deepEqual(messages.filter((m) => m.includes('Applied')).map((m) => m.replace(/.*Applied /, '')), ["'0002'"]);
    const rows = await second.all<{ text: string; created_at: unknown }>('select text, created_at from note');
    assert.deepEqual(rows.map((r) => [r.text, asDate(r.created_at).toISOString()]), [['kept', '2023-11-14T22:13:20.000Z']]);
    await second.close();
  } finally {
    data.cleanup();
  }
});

test('SQLite: the durability level is set on the connection, NORMAL unless FULL is asked for; checkpoints every 10,000 WAL pages', async () => {
  const data = tempDataDir('persistence-');
  try {
    for (const synchronous of ['NORMAL', 'FULL'] as const) {
      const db = await openDatabase(V1, { sqlitePath: join(data.dir, 'sync.sqlite') }, { synchronous });
      assert.deepEqual(await db.get('pragma synchronous'), { synchronous: synchronous === 'FULL' ? 2 : 1 });
      assert.deepEqual(await db.get('pragma journal_mode'), { journal_mode: 'wal' });
      assert.deepEqual(await db.get('pragma wal_autocheckpoint'), { wal_autocheckpoint: 10_000 });
      assert.deepEqual(await db.get('pragma journal_size_limit'), { journal_size_limit: 64 * 1024 * 1024 });
      await db.close();
    }
  } finally {
    data.cleanup();
  }
});

for (const store of ['sqlite', 'postgresql'] as const) describe(`Database on ${store}`, () => {
  const pg = store === 'postgresql' ? createTempPostgresDatabase() : undefined;
  const location = async () => ({ url: (await pg)?.url, sqlitePath: ':memory:' });
  after(async () => (await pg)?.drop());

  test('binds every value as a parameter: quotes, SQL and control characters round-trip', async () => {
    const db = await openDatabase(V1, await location());
    try {
      const values = store === 'postgresql' ? HOSTILE.filter((v) => !v.includes('\u0000')) : HOSTILE;
      for (const text of values) await db.run('insert into note (text, created_at) values (?, ?)', [text, new Date()]);
      assert.deepEqual((await db.all<{ text: string }>('select text from note order by seq')).map((r) => r.text), values);
    } finally {
      await db.run('delete from note');
      await db.close();
    }
  });

  test('a transaction commits as a whole or not at all, and is invisible until it commits', async () => {
    const db = await openDatabase(V2, await location());
    try {
      await db.run('insert into note (text, created_at) values (?, ?)', ['first', new Date()]);
      await assert.rejects(db.transaction(async (tx) => {
        await tx.run('insert into note (text, created_at) values (?, ?)', ['second', new Date()]);
        await tx.run('insert into note (text, created_at) values (?, ?)', ['first', new Date()]);
      }), (error) => isUniqueViolation(error));
      assert.deepEqual((await db.all<{ text: string }>('select text from note')).map((r) => r.text), ['first']);

      // A read issued while a transaction is open never sees its rows, even if it then rolls back.
      let seenDuring: string[] | undefined;
      await assert.rejects(db.transaction(async (tx) => {
        await tx.run('insert into note (text, created_at) values (?, ?)', ['ghost', new Date()]);
        void db.all<{ text: string }>('select text from note').then((rows) => (seenDuring = rows.map((r) => r.text)));
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('changed my mind');
      }), /changed my mind/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(seenDuring, ['first']);
    } finally {
      await db.close();
    }
  });

  test('exclusive work runs in one process at a time (PostgreSQL: an advisory lock)', async () => {
    const first = await openDatabase(V1, await location());
    const second = store === 'postgresql' ? await openDatabase(V1, await location()) : first;
    try {
      let inner: string | undefined = 'not run';
      const outer = await first.exclusive('test-lock', async () => {
        inner = await second.exclusive('test-lock', async () => 'ran');
        return 'outer ran';
      });
      assert.equal(outer, 'outer ran');
      assert.equal(inner, store === 'postgresql' ? undefined : 'ran', 'another process is kept out (SQLite: one process per file)');
      assert.equal(await second.exclusive('test-lock', async () => 'free again'), 'free again');
    } finally {
      if (second !== first) await second.close();
      await first.close();
    }
  });

  test('the migrated schema equals the entities, and a drift is reported', async () => {
    const orm = await migrate({ ...V1, schema: 'drift_check' }, await location());
    try {
      assert.equal(await schemaDrift(orm), '');
    } finally {
      await orm.close();
    }
    const Drifted = defineEntity({
      name: 'Note', tableName: 'note',
      properties: { seq: p.integer().primary().autoincrement(), text: p.text(), createdAt: p.datetime(), extra: p.integer() },
    });
    const drifted = await migrate({ ...V1, schema: 'drifted', entities: [Drifted] }, await location());
    try {
      assert.match(await schemaDrift(drifted), /extra/);
    } finally {
      await drifted.close();
    }
  });
});

test('two openers of one new PostgreSQL database migrate one after the other; storedSecret gives every caller the one secret', async () => {
  const database = await createTempPostgresDatabase();
  const schema: ServiceSchema = { entities: [ServiceSecretEntity], migrations: [{ name: '0001', class: ServiceSecretsMigration }], schema: 'secret_test' };
  const dbs = await Promise.all(Array.from({ length: 2 }, () => openDatabase(schema, { url: database.url, sqlitePath: ':memory:' })));
  try {
    const secrets = await Promise.all(Array.from({ length: 5 }, (_, i) => storedSecret(dbs[i % 2] as Database, 'page-token')));
    assert.equal(new Set(secrets).size, 1);
    assert.match(secrets[0] ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(await storedSecret(dbs[0] as Database, 'page-token'), secrets[0]);
    assert.notEqual(await storedSecret(dbs[0] as Database, 'other'), secrets[0]);
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
    await database.drop();
  }
});
