export { openDatabase, type DatabaseOptions } from './open-database.js';
export { Migration } from '@mikro-orm/migrations';
