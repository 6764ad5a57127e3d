/** Liveness: the gateway process is up. */
export interface LivenessStatus {
  /** Always "ok". */
  status: 'ok';
}

/** Health of one upstream service as its grpc.health.v1 endpoint reports it. */
export type ServingStatus = 'SERVING' | 'NOT_SERVING';

/**
 * Readiness: whether every service the API needs answers SERVING.
 * @example {
 *   "status": "ready",
 *   "services": { "product-service": "SERVING", "order-service": "SERVING" }
 * }
 */
export interface ReadinessStatus {
  status: 'ready' | 'not_ready';
  services: UpstreamStatuses;
}

/** Each upstream service by name. */
export interface UpstreamStatuses {
  'product-service': ServingStatus;
  'order-service': ServingStatus;
}

/**
 * The original gateway's health document; "healthy" exactly when the gateway is ready.
 * @example { "status": "healthy", "service": "api-gateway" }
 */
export interface HealthStatus {
  status: 'healthy' | 'unhealthy';
  service: 'api-gateway';
}
