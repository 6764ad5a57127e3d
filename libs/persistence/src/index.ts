export { migrate, openDatabase, schemaDrift, type OpenOptions } from './open-database.js';
export { ormConfig, type ServiceSchema, type StoreLocation } from './orm-config.js';
export { SchemaMigration } from './schema-migration.js';
export { ServiceSecretEntity, ServiceSecretsMigration, storedSecret } from './service-secrets.js';
export { asDate, isUniqueViolation, type Database, type SqlClient } from './sql-client.js';
export type { SqliteSynchronous } from './sqlite-database.js';
