import { ormConfig } from '@ecommerce/persistence';
import { loadConfig } from './config.js';
import { productSchema } from './products/product-schema.js';

/**
 * What `@mikro-orm/cli` uses (the service itself calls openDatabase with the same schema): the
 * store the environment names, as the service would open it. README, "Database tools".
 */
const config = loadConfig();
export default ormConfig(productSchema, { url: config.databaseUrl, sqlitePath: config.sqlitePath });
