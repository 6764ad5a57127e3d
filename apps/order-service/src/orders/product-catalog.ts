import { credentials, status, type Channel, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { ProductServiceClient, type Money } from '@ecommerce/contracts';
import {
  RpcError, callUnary, createChannel, decodeServiceError, instrumentClient, notFound, remainingMs, type CallContext,
} from '@ecommerce/grpc-kit';
import type { GrpcMetrics, Tracer } from '@ecommerce/telemetry';

/** Who asks: a served call (its trace is passed on as `traceparent`) or the reconciler. */
type Caller = Pick<CallContext, 'requestId' | 'logger' | 'deadline'> & Partial<Pick<CallContext, 'trace'>>;

/** What order handling asks product-service. Handlers depend on this, not on gRPC. */
export interface StockLedger {
  /**
   * Reserves `quantity` units for `orderId` (idempotent per order id) and answers with the
   * product's price; or an RpcError telling "no such product", "not enough stock" and "could not
   * ask" apart.
   */
  reserve(orderId: string, productId: string, quantity: number, caller: Caller): Promise<{ price: Money | undefined }>;
  /** Gives back `orderId`'s reservation, once however often asked (true when this call did). */
  release(orderId: string, caller: Caller): Promise<boolean>;
}

/** Upstream codes that mean "product-service could not answer now; the same call may work later". */
const TRANSIENT = new Set<status>([status.UNAVAILABLE, status.CANCELLED, status.RESOURCE_EXHAUSTED, status.ABORTED]);

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}

/**
 * Maps a failed product-service call to what order-service's caller should see:
 * - PRODUCT_NOT_FOUND and INSUFFICIENT_STOCK, on product-service's own word, pass through (the
 *   latter with its `available` metadata): only those blame the request;
 * - RESERVATION_RELEASED: this order's intent outlived its lease and was abandoned, so its
 *   reservation was released: reported as the timeout it is (PRODUCT_SERVICE_TIMEOUT);
 * - DEADLINE_EXCEEDED -> PRODUCT_SERVICE_TIMEOUT; UNAVAILABLE, CANCELLED, RESOURCE_EXHAUSTED,
 *   ABORTED -> PRODUCT_SERVICE_UNAVAILABLE (retryable);
 * - anything else is a fault between the services: a plain Error, so the handler wrapper logs it
 *   and answers INTERNAL without leaking upstream internals.
 */
export function toCatalogError(error: unknown, productId: string, timeoutMs: number): Error {
  if (!isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  const decoded = decodeServiceError(error);
  const metadata = { product_id: productId };
  if (error.code === status.NOT_FOUND && decoded.reason === 'PRODUCT_NOT_FOUND') return notFound('PRODUCT_NOT_FOUND', 'product', productId);
  if (error.code === status.FAILED_PRECONDITION && decoded.reason === 'INSUFFICIENT_STOCK') {
    return new RpcError('INSUFFICIENT_STOCK', decoded.message, [], { ...decoded.metadata, product_id: productId });
  }
  if (error.code === status.DEADLINE_EXCEEDED || decoded.reason === 'RESERVATION_RELEASED') {
    return new RpcError('PRODUCT_SERVICE_TIMEOUT', `product-service did not answer within ${timeoutMs} ms; retry later`, [], metadata);
  }
  if (TRANSIENT.has(error.code)) {
    return new RpcError('PRODUCT_SERVICE_UNAVAILABLE', 'product-service is unavailable; retry later', [], metadata);
  }
  return new Error(`product-service answered with ${status[error.code]}: ${error.details}`);
}

/**
 * Client of product-service over ONE long-lived channel, created at start and shared by every call
 * (grpc-js reconnects it by itself, quickly: see CHANNEL_OPTIONS). Every call carries a deadline
 * (never longer than the caller's own) and the caller's correlation id. Close it on shutdown.
 */
export class ProductCatalog implements StockLedger {
  private readonly channel: Channel;
  private readonly client: ProductServiceClient;

  /**
   * @param address host:port of product-service (PRODUCT_SERVICE_ADDR); nothing is dialled until the first call
   * @param timeoutMs deadline of each call (PRODUCT_CALL_TIMEOUT_MS, default 2000)
   * @param [transport.credentials=insecure] TLS to product-service (GRPC_CLIENT_TLS_*)
   * @param [transport.metrics] where each call's duration is observed (grpc_client_handling_seconds)
   * @param [transport.tracer] an exporting tracer gives each call a client span
   */
  constructor(
    address: string,
    private readonly timeoutMs: number,
    transport: { credentials?: ChannelCredentials; metrics?: GrpcMetrics; tracer?: Tracer } = {},
  ) {
    this.channel = createChannel(address, transport.credentials);
    this.client = instrumentClient(
      new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: this.channel }),
      { metrics: transport.metrics, tracer: transport.tracer },
    );
  }

  async reserve(orderId: string, productId: string, quantity: number, caller: Caller): Promise<{ price: Money | undefined }> {
    try {
      const response = await callUnary(this.client.reserveStock.bind(this.client), { orderId, productId, quantity }, this.options(caller));
      if (!response.product) throw new Error(`product-service answered ReserveStock for ${orderId} without a product`);
      return { price: response.product.price };
    } catch (error) {
      throw this.failed(error, productId, caller, 'reserveStock');
    }
  }

  async release(orderId: string, caller: Caller): Promise<boolean> {
    try {
      return (await callUnary(this.client.releaseStock.bind(this.client), { orderId }, this.options(caller))).released;
    } catch (error) {
      throw this.failed(error, '', caller, 'releaseStock');
    }
  }

  /** Closes the channel; calls still in flight fail with UNAVAILABLE. */
  close(): void {
    this.channel.close();
  }

  private options(caller: Caller) {
    // Never wait longer than our own caller will: its deadline caps PRODUCT_CALL_TIMEOUT_MS.
    return { requestId: caller.requestId, timeoutMs: remainingMs(caller, this.timeoutMs), trace: caller.trace };
  }

  private failed(error: unknown, productId: string, caller: Caller, method: string): Error {
    if (isServiceError(error) && ![status.NOT_FOUND, status.FAILED_PRECONDITION].includes(error.code)) {
      caller.logger.warn({ method, product_id: productId || undefined, upstream_code: status[error.code], upstream_message: error.details },
        'product-service call failed');
    }
    return toCatalogError(error, productId, this.timeoutMs);
  }
}
