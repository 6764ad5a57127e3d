export { envChoice, envOptional, envPort, envPositiveInt, envSecret, envString, envWholeNumber, sqliteFile } from './env.js';
