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

  /** knex's query builder on one of the service's tables (in its own schema). */
  protected rows(table: string): Knex.QueryBuilder {
    const name = this.config.get('schema');
    const builder = this.getKnex()(table);
    return name ? builder.withSchema(name) : builder;
  }

  /**
   * Multiplies integer `columns` of the rows whose `where.column` is one of `where.values` by
   * `factor`, refusing (the migration fails, nothing changes) when a result would exceed `max`.
   */
  protected async scaleColumns(table: string, columns: string[], where: { column: string; values: string[] }, factor: number, max: number): Promise<void> {
    const limit = Math.floor(max / factor);
    const over = await this.execute(this.rows(table).whereIn(where.column, where.values)
      .where((q) => { for (const column of columns) q.orWhere(column, '>', limit); }).count({ n: '*' }));
    if (Number(over[0]?.['n'] ?? 0) > 0) {
      throw new Error(`${table}: ${String(over[0]?.['n'])} rows in ${where.values.join(', ')} would exceed ${max} once multiplied by ${factor}`);
    }
    const knex = this.getKnex();
    this.addSql(this.rows(table).whereIn(where.column, where.values)
      .update(Object.fromEntries(columns.map((column) => [column, knex.raw('?? * ?', [column, factor])]))));
  }

  /** Queues every statement of a schema-builder chain (SQLite may need several). */
  protected addSchemaSql(builder: Knex.SchemaBuilder): void {
    const statements = builder.toSQL();
    for (const statement of Array.isArray(statements) ? statements : [statements]) this.addSql(statement.sql);
  }
}
