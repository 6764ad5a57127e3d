import { startGateway as startGatewayProcess, type AppProcess } from '@ecommerce/testing';
import { ORDER_SERVICE_ADDR, PRODUCT_SERVICE_ADDR } from './endpoints.js';

export interface GatewayOptions {
  port: number;
  /** @default the platform's product-service */
  productServiceAddr?: string;
  /** @default the platform's order-service */
  orderServiceAddr?: string;
  /** More settings, e.g. API_KEYS, CORS_ORIGINS, RATE_LIMIT_MAX (the platform's own gateway runs open). */
  env?: Record<string, string>;
}

/**
 * Starts an extra api-gateway process, built as shipped (dist/), on `port`, by default in front of
 * the platform's own services, and resolves once it logs "listening".
 */
export function startGateway(options: GatewayOptions): Promise<AppProcess> {
  return startGatewayProcess(options.productServiceAddr ?? PRODUCT_SERVICE_ADDR, options.orderServiceAddr ?? ORDER_SERVICE_ADDR, {
    mode: 'bundle',
    port: options.port,
    env: options.env,
  });
}
