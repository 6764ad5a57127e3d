import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Base class for the platform's migrations. `schema()` is knex's schema builder scoped to the
 * service's own PostgreSQL schema (or SQLite's main database), so one migration written with it runs
 * unchanged on both engines and never touches another service's tables.
 */
export abstract class SchemaMigration extends Migration {
  protected schema(): Knex.SchemaBuilder {
    const name = this.config.get('schema');
    const builder = this.getKnex().schema;
    return name ? builder.withSchema(name) : builder;
  }

  /** Queues every statement of a schema-builder chain (SQLite may need several). */
  protected addSchemaSql(builder: Knex.SchemaBuilder): void {
    const statements = builder.toSQL();
    for (const statement of Array.isArray(statements) ? statements : [statements]) this.addSql(statement.sql);
  }
}
