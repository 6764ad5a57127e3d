/**
 * The platform's deployables as the container files must present them: one Dockerfile target and
 * one compose service per app, named like its Nx project. Ports, variable names and defaults are the
 * pinned ones (docs/conventions.md and the README's environment table).
 */
export interface Deployable {
  /** Nx project, Dockerfile target and compose service name. */
  name: string;
  port: number;
  /** Variable holding the bind address; must be 0.0.0.0 in a container. */
  hostVar: string;
  portVar: string;
  /** How the image's HEALTHCHECK asks: grpc.health.v1 for services, GET /readyz for the gateway. */
  health: 'grpc' | 'http';
  /**
   * Services with a database: in compose, `urlVar` names the compose PostgreSQL server and a database
   * of the app's own. (DATA_DIR is read only for the embedded SQLite store, which compose does not use.)
   */
  database?: { urlVar: string };
  /** Upstreams this app dials: the variable and the compose service it must name. */
  upstreams: { addrVar: string; service: string }[];
  /** Port published on the host, for the public edge. */
  publishedPort?: number;
  /** Every variable the app reads (the README's table), all set explicitly in docker-compose.yml. */
  env: readonly string[];
}

export const DEPLOYABLES: readonly Deployable[] = [
  {
    name: 'product-service',
    port: 50051,
    hostVar: 'PRODUCT_SERVICE_HOST',
    portVar: 'PRODUCT_SERVICE_PORT',
    health: 'grpc',
    database: { urlVar: 'PRODUCT_DATABASE_URL' },
    upstreams: [],
    env: ['LOG_LEVEL', 'PRODUCT_SERVICE_HOST', 'PRODUCT_SERVICE_PORT', 'PRODUCT_DATABASE_URL', 'PRODUCT_SERVICE_METRICS_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  },
  {
    name: 'order-service',
    port: 50052,
    hostVar: 'ORDER_SERVICE_HOST',
    portVar: 'ORDER_SERVICE_PORT',
    health: 'grpc',
    database: { urlVar: 'ORDER_DATABASE_URL' },
    upstreams: [{ addrVar: 'PRODUCT_SERVICE_ADDR', service: 'product-service' }],
    env: [
      'LOG_LEVEL', 'ORDER_SERVICE_HOST', 'ORDER_SERVICE_PORT', 'ORDER_DATABASE_URL',
      'PRODUCT_SERVICE_ADDR', 'PRODUCT_CALL_TIMEOUT_MS', 'ORDER_SERVICE_METRICS_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT',
    ],
  },
  {
    name: 'api-gateway',
    port: 8000,
    hostVar: 'GATEWAY_HOST',
    portVar: 'GATEWAY_PORT',
    health: 'http',
    upstreams: [
      { addrVar: 'PRODUCT_SERVICE_ADDR', service: 'product-service' },
      { addrVar: 'ORDER_SERVICE_ADDR', service: 'order-service' },
    ],
    publishedPort: 8000,
    env: [
      'LOG_LEVEL', 'GATEWAY_HOST', 'GATEWAY_PORT', 'PRODUCT_SERVICE_ADDR', 'ORDER_SERVICE_ADDR', 'GRPC_TIMEOUT_MS', 'OTEL_EXPORTER_OTLP_ENDPOINT',
      'API_KEYS_FILE', 'RATE_LIMIT_MAX', 'RATE_LIMIT_WINDOW_MS', 'RATE_LIMIT_REDIS_URL', 'CORS_ORIGINS',
    ],
  },
];

/** The compose PostgreSQL server: its service name, port and data directory. */
export const COMPOSE_POSTGRES = { service: 'postgres', port: 5432, dataDir: '/var/lib/postgresql/data' } as const;

/** Variables only docker-compose.yml reads (its defaults are what the checks judge). */
export const COMPOSE_ENV: readonly string[] = ['POSTGRES_PASSWORD', 'PRODUCT_SERVICE_REPLICAS', 'ORDER_SERVICE_REPLICAS', 'GATEWAY_API_KEYS_FILE'];

/** Every variable of the pinned environment table (the union of what the apps read), and DATA_DIR. */
export const PLATFORM_ENV: readonly string[] = [...new Set([...DEPLOYABLES.flatMap((app) => app.env), 'DATA_DIR'])];
