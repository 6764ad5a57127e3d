export { WORKSPACE_ROOT, startService, tempDataDir, type ServiceProcess, type StartServiceOptions } from './service-process.js';
