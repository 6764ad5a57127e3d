import { credentials, type Channel, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import { OrderServiceClient, ProductServiceClient } from '@ecommerce/contracts';
import { createChannel, createHealthClient, instrumentClient } from '@ecommerce/grpc-kit';
import type { GrpcMetrics, Tracer } from '@ecommerce/telemetry';

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

/** How the gateway talks to its upstreams, beyond their addresses. */
export interface UpstreamTransport {
  /** TLS (GRPC_CLIENT_TLS_*, clientCredentials()); plaintext when absent. Health checks use it too. */
  credentials?: ChannelCredentials | undefined;
  /** grpc_client_handling_seconds of the API calls (not of the readiness checks). */
  metrics?: GrpcMetrics | undefined;
  /** An exporting tracer gives each API call a client span. */
  tracer?: Tracer | undefined;
}

/** Opens one channel per upstream (grpc-kit's fast-reconnect settings); connects lazily. */
export function connectUpstreams(addresses: UpstreamAddresses, transport: UpstreamTransport = {}): Upstreams {
  const productChannel = createChannel(addresses.productServiceAddr, transport.credentials);
  const orderChannel = createChannel(addresses.orderServiceAddr, transport.credentials);
  const insecure = credentials.createInsecure();
  const telemetry = { metrics: transport.metrics, tracer: transport.tracer };
  return {
    products: {
      name: 'product-service',
      service: 'ecommerce.product.v1.ProductService',
      client: instrumentClient(new ProductServiceClient(addresses.productServiceAddr, insecure, { channelOverride: productChannel }), telemetry),
      health: createHealthClient(productChannel, addresses.productServiceAddr),
      channel: productChannel,
    },
    orders: {
      name: 'order-service',
      service: 'ecommerce.order.v1.OrderService',
      client: instrumentClient(new OrderServiceClient(addresses.orderServiceAddr, insecure, { channelOverride: orderChannel }), telemetry),
      health: createHealthClient(orderChannel, addresses.orderServiceAddr),
      channel: orderChannel,
    },
    close() {
      productChannel.close();
      orderChannel.close();
    },
  };
}
