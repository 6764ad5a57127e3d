// gRPC clients of the two services for order-service's process tests (real network, real processes).
import assert from 'node:assert/strict';
import { credentials } from '@grpc/grpc-js';
import { OrderServiceClient, OrderStatus, ProductServiceClient, type Order, type Product } from '@ecommerce/contracts';
import { callUnary } from '@ecommerce/grpc-kit';

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
    requestId: '',
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
  const { order } = await callUnary(client.createOrder.bind(client), { productId, quantity, requestId: '' }, {
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
  return callUnary(client.listOrders.bind(client), { pageSize, pageToken, productId: '', status: OrderStatus.ORDER_STATUS_UNSPECIFIED }, { timeoutMs: CLIENT_TIMEOUT_MS });
}

/** Clients of both running services, re-pointed by `reconnect` after a restart. */
export interface ServiceClients {
  catalog: ProductServiceClient;
  client: OrderServiceClient;
  reconnect(ports: { product?: number; order?: number }): void;
  close(): void;
}

export function connectClients(productPort: number, orderPort: number): ServiceClients {
  const clients: ServiceClients = {
    catalog: productClient(productPort),
    client: orderClient(orderPort),
    reconnect(ports) {
      if (ports.product !== undefined) {
        clients.catalog.close();
        clients.catalog = productClient(ports.product);
      }
      if (ports.order !== undefined) {
        clients.client.close();
        clients.client = orderClient(ports.order);
      }
    },
    close() {
      clients.catalog.close();
      clients.client.close();
    },
  };
  return clients;
}
