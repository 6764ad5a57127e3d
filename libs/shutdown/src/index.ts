export { exitOnSignals, loadShutdownSettings, type ShutdownSettings, type StopOptions, type Stoppable } from './exit-on-signals.js';
