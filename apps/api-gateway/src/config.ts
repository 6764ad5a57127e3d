/** api-gateway settings, all from the environment (see the README's table). */
export interface GatewayConfig {
  host: string;
  /** 0 picks a free port (tests read it from the "listening" log line). */
  port: number;
  productServiceAddr: string;
  orderServiceAddr: string;
  /** Deadline of every upstream call, readiness checks included. */
  grpcTimeoutMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    host: env['GATEWAY_HOST'] || '127.0.0.1',
    port: integer(env, 'GATEWAY_PORT', 8000),
    productServiceAddr: env['PRODUCT_SERVICE_ADDR'] || '127.0.0.1:50051',
    orderServiceAddr: env['ORDER_SERVICE_ADDR'] || '127.0.0.1:50052',
    grpcTimeoutMs: integer(env, 'GRPC_TIMEOUT_MS', 5000),
  };
}
