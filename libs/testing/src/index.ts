export { WORKSPACE_ROOT, startService, tempDataDir, type ServiceProcess, type StartServiceOptions } from './service-process.js';
export { POSTGRES_ADMIN_URL, createTempPostgresDatabase } from './postgres.js';
export { benchSetting, formatLoad, percentile, runLoad, type LoadResult } from './load.js';
export { startGateway, startOrderService, startProductService } from './platform-processes.js';
export {
  CHROMIUM, DOCKER_COMPOSE, TEST_SYSTEM_TOOLS, ensureSystemPackages, findTool, requireTool, type SystemTool,
} from './system-packages.js';
