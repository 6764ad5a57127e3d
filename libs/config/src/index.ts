export { envChoice, envOptional, envPort, envPortOrOff, envPositiveInt, envSecret, envString, envWholeNumber, sqliteFile } from './env.js';
