export { openDatabase, type DatabaseOptions } from './open-database.js';
export { SchemaMigration } from './schema-migration.js';
