import assert from 'node:assert/strict';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import { OrderServiceClient, ProductServiceClient, type Order, type Product } from '@ecommerce/contracts';
import { callUnary, decodeServiceError, type DecodedError } from '@ecommerce/grpc-kit';
import type { ServiceProcess } from '@ecommerce/testing';

/** Test-side deadline: longer than any service-side deadline, so the service's own answer is seen. */
export const CLIENT_TIMEOUT_MS = 10_000;

export function orderClient(port: number): OrderServiceClient {
  return new OrderServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
}

export function productClient(port: number): ProductServiceClient {
  return new ProductServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
}

/** Creates a catalog product priced `amountMinor` minor units. */
export async function createProduct(client: ProductServiceClient, amountMinor: number, currency = 'USD'): Promise<Product> {
  const { product } = await callUnary(client.createProduct.bind(client), {
    name: `product ${amountMinor} ${currency}`,
    description: '',
    price: { amountMinor: String(amountMinor), currency },
  }, { timeoutMs: CLIENT_TIMEOUT_MS });
  assert.ok(product);
  return product;
}

/** CreateOrder; resolves with the order (asserted present) or rejects with the ServiceError. */
export async function createOrder(
  client: OrderServiceClient,
  productId: string,
  quantity: number,
  requestId?: string,
): Promise<Order> {
  const { order } = await callUnary(client.createOrder.bind(client), { productId, quantity }, {
    requestId,
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  assert.ok(order);
  return order;
}

export function getOrder(client: OrderServiceClient, id: string) {
  return callUnary(client.getOrder.bind(client), { id }, { timeoutMs: CLIENT_TIMEOUT_MS });
}

export function listOrders(client: OrderServiceClient, pageSize: number, pageToken = '') {
  return callUnary(client.listOrders.bind(client), { pageSize, pageToken }, { timeoutMs: CLIENT_TIMEOUT_MS });
}

/** Awaits a call that must fail and returns its decoded status (code, reason, violations, ...). */
export async function failure(call: Promise<unknown>): Promise<DecodedError> {
  try {
    await call;
  } catch (error) {
    return decodeServiceError(error as ServiceError);
  }
  assert.fail('expected the call to fail');
}

/** Resolves once `predicate` holds on one of the process's log lines (logs travel through a pipe). */
export async function waitForLog(
  service: ServiceProcess,
  predicate: (line: Record<string, unknown>) => boolean,
  timeoutMs = 5_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = service.logs.find(predicate);
    if (line) return line;
    if (Date.now() > until) assert.fail('expected log line not seen');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
