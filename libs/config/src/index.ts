export { envChoice, envOptional, envPort, envPositiveInt, envString, sqliteFile } from './env.js';
