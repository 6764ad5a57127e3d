/**
 * What the manifests are generated from: the apps as the cluster runs them (ports and variables
 * pinned in docs/conventions.md and the README's environment table) and the options an overlay sets.
 */

export type AppName = 'product-service' | 'order-service' | 'api-gateway';

export const APPS: readonly AppName[] = ['product-service', 'order-service', 'api-gateway'];

export interface AppSpec {
  name: AppName;
  /** gRPC port (services) or HTTP port (gateway, which also serves its metrics there). */
  port: number;
  portName: 'grpc' | 'http';
  hostVar: string;
  portVar: string;
  /** Separate Prometheus port of the services (9464 / 9465), with the variable that sets it. */
  metrics?: { port: number; portVar: string };
  /** How its probes ask: the gRPC health service, or GET /readyz and /healthz. */
  health: 'grpc' | 'http';
  /** The variable holding its database URL (the services). */
  databaseUrlVar?: string;
}

export const APP_SPECS: Record<AppName, AppSpec> = {
  'product-service': {
    name: 'product-service', port: 50051, portName: 'grpc', hostVar: 'PRODUCT_SERVICE_HOST', portVar: 'PRODUCT_SERVICE_PORT',
    metrics: { port: 9464, portVar: 'PRODUCT_SERVICE_METRICS_PORT' }, health: 'grpc', databaseUrlVar: 'PRODUCT_DATABASE_URL',
  },
  'order-service': {
    name: 'order-service', port: 50052, portName: 'grpc', hostVar: 'ORDER_SERVICE_HOST', portVar: 'ORDER_SERVICE_PORT',
    metrics: { port: 9465, portVar: 'ORDER_SERVICE_METRICS_PORT' }, health: 'grpc', databaseUrlVar: 'ORDER_DATABASE_URL',
  },
  'api-gateway': {
    name: 'api-gateway', port: 8000, portName: 'http', hostVar: 'GATEWAY_HOST', portVar: 'GATEWAY_PORT', health: 'http',
  },
};

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export interface Autoscaling {
  minReplicas: number;
  maxReplicas: number;
  /** Average CPU utilisation (percent of the request) the HorizontalPodAutoscaler aims for. */
  cpuUtilization: number;
}

export interface AppOptions {
  resources: Resources;
  autoscaling: Autoscaling;
}

/** Names of the Secrets the Deployments read (created by the base, or out of band in production). */
export const SECRETS = {
  /** PRODUCT_DATABASE_URL and ORDER_DATABASE_URL. */
  database: 'ecommerce-database',
  /** PAGE_TOKEN_SECRET of each service (keys product-service, order-service). */
  pageTokens: 'ecommerce-page-tokens',
  /** The gateway's API keys file (key api-keys.json), mounted and named by API_KEYS_FILE. */
  apiKeys: 'ecommerce-api-keys',
  /** The in-cluster PostgreSQL's POSTGRES_PASSWORD (base only). */
  postgres: 'ecommerce-postgres',
} as const;

export const CONFIG_MAP = 'ecommerce-config';

export type Database =
  /** A PostgreSQL StatefulSet in the namespace, with a volumeClaimTemplate and a headless Service. */
  | { kind: 'statefulset'; image: string; storage: string; storageClassName?: string; resources: Resources }
  /** A database run elsewhere: the URLs come from the Secret ecommerce-database, created out of band. */
  | { kind: 'external' };

export interface PlatformOptions {
  namespace: string;
  /** Image of an app, e.g. ghcr.io/example/ecommerce-order-service:0.1.0. */
  image: (app: AppName) => string;
  apps: Record<AppName, AppOptions>;
  database: Database;
  /** Emit the Secrets with placeholder values (base), or expect them created out of band (production). */
  placeholderSecrets: boolean;
  /** The ConfigMap's tunables (README environment table). */
  config: {
    LOG_LEVEL: string;
    PRODUCT_CALL_TIMEOUT_MS: string;
    GRPC_TIMEOUT_MS: string;
    RATE_LIMIT_MAX: string;
    RATE_LIMIT_WINDOW_MS: string;
    CORS_ORIGINS: string;
  };
  /** The draining stop (SHUTDOWN_GRACE_MS, SHUTDOWN_TIMEOUT_MS), set explicitly on every app. */
  shutdown: { graceMs: number; timeoutMs: number };
}

/** Where the gateway finds its API keys file: the Secret ecommerce-api-keys mounted read-only. */
export const API_KEYS_DIR = '/etc/ecommerce/api-keys';
export const API_KEYS_FILE = `${API_KEYS_DIR}/api-keys.json`;

/** The image naming used by both overlays: <registry>/ecommerce-<app>:<tag>. */
export function imageNamed(registry: string, tag: string): (app: AppName) => string {
  return (app) => `${registry}/ecommerce-${app}:${tag}`;
}
