// The one test harness: every suite starts platform processes, makes temporary stores, waits and
// expects failures through these. Test code only (lint keeps it out of production code).
export { WORKSPACE_ROOT } from './workspace.js';
export { appCommand, startApp, type AppName, type AppProcess, type LogLine, type RunMode, type StartAppOptions } from './app-process.js';
export {
  startGateway, startOrderService, startPlatform, startProductService, startServices,
  type Platform, type PlatformOptions, type ServiceOptions, type Services,
} from './platform.js';
export {
  POSTGRES_ADMIN_URL, STORES, createTempPostgresDatabase, fixtureStore, runSql, tempDataDir, tempStore, type StoreKind,
} from './stores.js';
export { freePorts } from './ports.js';
export { waitFor, type WaitOptions } from './wait.js';
export { checkSample, propertySeed, tableSnapshot, type SampleRun } from './property.js';
export { rejection } from './failures.js';
export {
  PROBLEM_TYPE_BASE, assertInvalid, assertProblem, httpCall, httpClient,
  type ApiResponse, type ExpectedProblem, type HttpClient, type HttpRequestOptions,
} from './http.js';
export {
  CHROMIUM, DOCKER_COMPOSE, TEST_SYSTEM_TOOLS, ensureSystemPackages, findTool, requireTool, type SystemTool,
} from './system-packages.js';
