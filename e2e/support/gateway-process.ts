import { distEntry, startNodeProcess, type NodeProcess } from './node-process.js';
import { ORDER_SERVICE_ADDR, PRODUCT_SERVICE_ADDR } from './endpoints.js';

export interface GatewayOptions {
  port: number;
  /** @default the platform's product-service */
  productServiceAddr?: string;
  /** @default the platform's order-service */
  orderServiceAddr?: string;
}

/**
 * Starts an extra api-gateway process (dist/apps/api-gateway/main.js) on `port`, by default in
 * front of the platform's own services, and resolves once it logs "listening".
 */
export function startGateway(options: GatewayOptions): Promise<NodeProcess> {
  return startNodeProcess({
    name: `api-gateway:${options.port}`,
    entry: distEntry('api-gateway'),
    env: {
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(options.port),
      PRODUCT_SERVICE_ADDR: options.productServiceAddr ?? PRODUCT_SERVICE_ADDR,
      ORDER_SERVICE_ADDR: options.orderServiceAddr ?? ORDER_SERVICE_ADDR,
    },
  });
}
