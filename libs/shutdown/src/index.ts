export { exitOnSignals, type Stoppable } from './exit-on-signals.js';
