import { credentials, type Channel, type Client } from '@grpc/grpc-js';
import { OrderServiceClient, ProductServiceClient } from '@ecommerce/contracts';
import { createChannel, createHealthClient } from '@ecommerce/grpc-kit';

/** One upstream service: a long-lived channel shared by its API client and its health client. */
export interface Upstream<C> {
  /** Name used in readiness reports, e.g. "product-service". */
  name: string;
  /** Fully-qualified gRPC service name, the grpc.health.v1 key. */
  service: string;
  client: C;
  health: Client;
  channel: Channel;
}

/** The gateway's two upstreams. */
export interface Upstreams {
  products: Upstream<ProductServiceClient>;
  orders: Upstream<OrderServiceClient>;
  /** Closes both channels; in-flight calls fail with CANCELLED. */
  close(): void;
}

export interface UpstreamAddresses {
  productServiceAddr: string;
  orderServiceAddr: string;
}

/** Opens one channel per upstream (grpc-kit's fast-reconnect settings); connects lazily. */
export function connectUpstreams(addresses: UpstreamAddresses): Upstreams {
  const productChannel = createChannel(addresses.productServiceAddr);
  const orderChannel = createChannel(addresses.orderServiceAddr);
  const insecure = credentials.createInsecure();
  return {
    products: {
      name: 'product-service',
      service: 'ecommerce.product.v1.ProductService',
      client: new ProductServiceClient(addresses.productServiceAddr, insecure, { channelOverride: productChannel }),
      health: createHealthClient(productChannel, addresses.productServiceAddr),
      channel: productChannel,
    },
    orders: {
      name: 'order-service',
      service: 'ecommerce.order.v1.OrderService',
      client: new OrderServiceClient(addresses.orderServiceAddr, insecure, { channelOverride: orderChannel }),
      health: createHealthClient(orderChannel, addresses.orderServiceAddr),
      channel: orderChannel,
    },
    close() {
      productChannel.close();
      orderChannel.close();
    },
  };
}
