import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p } from '@mikro-orm/core';
import { openDatabase } from './open-database.js';
import { SchemaMigration } from './schema-migration.js';

const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: { seq: p.integer().primary().autoincrement(), text: p.string() },
});

class CreateNote extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().createTable('note', (table) => {
      table.increments('seq').primary();
      table.string('text').notNullable();
    }));
  }
}

class AddNoteIndex extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSchemaSql(this.schema().alterTable('note', (table) => table.index(['text'])));
  }
}

test('creates the SQLite file and folder, applies migrations once, keeps data across opens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'persistence-'));
  const sqlitePath = join(dir, 'nested', 'db.sqlite');
  const messages: string[] = [];
  try {
    const first = await openDatabase({ sqlitePath, entities: [Note], migrations: [{ name: '0001', class: CreateNote }], log: (m) => messages.push(m) });
    const em = first.em.fork();
    await em.persistAndFlush(em.create(Note, { text: 'kept' }));
    await first.close();
    assert.ok(messages.some((m) => m.includes("Applied '0001'")));

    // A later version adds a migration: only the new one runs, the data survives.
    messages.length = 0;
    const second = await openDatabase({ sqlitePath, entities: [Note], migrations: [{ name: '0001', class: CreateNote }, { name: '0002', class: AddNoteIndex }], log: (m) => messages.push(m) });
    assert.deepEqual(messages.filter((m) => m.includes('Applied')).map((m) => m.replace(/.*Applied /, '')), ["'0002'"]);
    const notes = await second.em.fork().find(Note, {});
    assert.deepEqual(notes.map((n) => n.text), ['kept']);
    const executed = await second.getMigrator().getExecutedMigrations();
    assert.deepEqual(executed.map((m) => m.name), ['0001', '0002']);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
