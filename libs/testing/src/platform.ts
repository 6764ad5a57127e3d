import { join } from 'node:path';
import { startApp, type AppProcess, type RunMode } from './app-process.js';
import { tempDataDir } from './stores.js';

/**
 * Settings every test process starts with, so that a developer's own environment (a PostgreSQL
 * URL, a log level, API keys, a rate limit) never leaks into a test; pass them in `env` to opt in.
 * An empty value counts as unset.
 */
const ISOLATED = {
  LOG_LEVEL: 'info',
  PRODUCT_DATABASE_URL: '',
  ORDER_DATABASE_URL: '',
  // The services' metrics servers would all want 9464/9465: off unless a test asks ('0': a free port).
  PRODUCT_SERVICE_METRICS_PORT: 'off',
  ORDER_SERVICE_METRICS_PORT: 'off',
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
  GRPC_SERVER_TLS_CERT: '',
  GRPC_SERVER_TLS_KEY: '',
  GRPC_SERVER_TLS_CLIENT_CA: '',
  GRPC_CLIENT_TLS_CA: '',
  GRPC_CLIENT_TLS_CERT: '',
  GRPC_CLIENT_TLS_KEY: '',
  API_KEYS: '', API_KEYS_FILE: '', RATE_LIMIT_MAX: '', RATE_LIMIT_REDIS_URL: '', CORS_ORIGINS: '',
};

export interface ServiceOptions {
  mode?: RunMode | undefined;
  /** Port to bind; 0 (a free one) unless a restart must come back where it was. */
  port?: number | undefined;
  env?: Record<string, string> | undefined;
  onLine?: ((line: string) => void) | undefined;
}

/** product-service with its SQLite file in `dataDir`. */
export function startProductService(dataDir: string, options: ServiceOptions = {}): Promise<AppProcess> {
  return startApp({
    app: 'product-service',
    mode: options.mode,
    onLine: options.onLine,
    env: { ...ISOLATED, DATA_DIR: dataDir, PRODUCT_SERVICE_HOST: '127.0.0.1', PRODUCT_SERVICE_PORT: String(options.port ?? 0), ...options.env },
  });
}

/** order-service with its SQLite file in `dataDir`, pointed at product-service on `productAddr`. */
export function startOrderService(dataDir: string, productAddr: string, options: ServiceOptions = {}): Promise<AppProcess> {
  return startApp({
    app: 'order-service',
    mode: options.mode,
    onLine: options.onLine,
    env: {
      ...ISOLATED,
      DATA_DIR: dataDir,
      ORDER_SERVICE_HOST: '127.0.0.1',
      ORDER_SERVICE_PORT: String(options.port ?? 0),
      PRODUCT_SERVICE_ADDR: productAddr,
      ...options.env,
    },
  });
}

/** api-gateway pointed at both services. */
export function startGateway(productAddr: string, orderAddr: string, options: ServiceOptions = {}): Promise<AppProcess> {
  return startApp({
    app: 'api-gateway',
    mode: options.mode,
    onLine: options.onLine,
    env: {
      ...ISOLATED,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(options.port ?? 0),
      PRODUCT_SERVICE_ADDR: productAddr,
      ORDER_SERVICE_ADDR: orderAddr,
      ...options.env,
    },
  });
}

export interface PlatformOptions {
  mode?: RunMode | undefined;
  /** Ports to bind (0 or absent: free ones). */
  ports?: { product?: number; order?: number; gateway?: number };
  /** Added to every process's environment. */
  env?: Record<string, string> | undefined;
  /** Per-process additions. */
  productEnv?: Record<string, string> | undefined;
  orderEnv?: Record<string, string> | undefined;
  gatewayEnv?: Record<string, string> | undefined;
  /** Where the SQLite files go (`<dir>/product`, `<dir>/order`); a fresh temporary folder, removed by stop, when absent. */
  dataDir?: string | undefined;
  onLine?: ((app: string, line: string) => void) | undefined;
}

type ServiceKey = 'products' | 'orders';

/** product-service and order-service, wired together by the port product-service reported. */
export interface Services {
  products: AppProcess;
  orders: AppProcess;
  productAddr: string;
  orderAddr: string;
  dataDir: string;
  /** Starts a stopped service again in place: same port, same data. */
  restart(service: ServiceKey): Promise<AppProcess>;
  /** Stops every process still running (resuming a paused one first); removes a temporary data folder. */
  stop(): Promise<void>;
}

/** The whole platform: both services and the gateway in front of them. */
export interface Platform extends Omit<Services, 'restart'> {
  gateway: AppProcess;
  baseUrl: string;
  restart(app: ServiceKey | 'gateway'): Promise<AppProcess>;
}

/** product-service, then order-service pointed at it. */
export async function startServices(options: PlatformOptions = {}): Promise<Services> {
  const temp = options.dataDir ? undefined : tempDataDir('ecommerce-platform-');
  const dataDir = options.dataDir ?? (temp as { dir: string }).dir;
  const started: AppProcess[] = [];
  const common = (app: string, port: number | undefined, env: Record<string, string> | undefined): ServiceOptions => ({
    mode: options.mode,
    port,
    env: { ...options.env, ...env },
    onLine: options.onLine ? (line: string) => options.onLine?.(app, line) : undefined,
  });
  const services = { dataDir } as Services;
  const launch = {
    products: (port?: number) => startProductService(join(dataDir, 'product'), common('product-service', port, options.productEnv)),
    orders: (port?: number) => startOrderService(join(dataDir, 'order'), services.productAddr, common('order-service', port, options.orderEnv)),
  };
  services.stop = async () => {
    await Promise.all(started.map((process) => process.stop()));
    temp?.cleanup();
  };
  services.restart = async (service) => {
    const next = await launch[service](services[service].port);
    started.push(next);
    services[service] = next;
    return next;
  };
  try {
    services.products = await launch.products(options.ports?.product);
    started.push(services.products);
    services.productAddr = `127.0.0.1:${services.products.port}`;
    services.orders = await launch.orders(options.ports?.order);
    started.push(services.orders);
    services.orderAddr = `127.0.0.1:${services.orders.port}`;
    return services;
  } catch (error) {
    await services.stop();
    throw error;
  }
}

/** Both services, then the gateway in front of them. Stopping stops the gateway first. */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const services = await startServices(options);
  const launchGateway = (port?: number) => startGateway(services.productAddr, services.orderAddr, {
    mode: options.mode,
    port,
    env: { ...options.env, ...options.gatewayEnv },
    onLine: options.onLine ? (line: string) => options.onLine?.('api-gateway', line) : undefined,
  });
  const gateways: AppProcess[] = [];
  let gateway: AppProcess;
  try {
    gateway = await launchGateway(options.ports?.gateway);
    gateways.push(gateway);
  } catch (error) {
    await services.stop();
    throw error;
  }
  const platform: Platform = {
    get products() { return services.products; },
    get orders() { return services.orders; },
    productAddr: services.productAddr,
    orderAddr: services.orderAddr,
    dataDir: services.dataDir,
    get gateway() { return gateway; },
    baseUrl: `http://127.0.0.1:${gateway.port}`,
    async restart(app) {
      if (app !== 'gateway') return services.restart(app);
      gateway = await launchGateway(gateway.port);
      gateways.push(gateway);
      return gateway;
    },
    async stop() {
      await Promise.all(gateways.map((process) => process.stop()));
      await services.stop();
    },
  };
  return platform;
}
