import { credentials, status, type Channel, type ServiceError } from '@grpc/grpc-js';
import { ProductServiceClient, type Product } from '@ecommerce/contracts';
import { RpcError, callUnary, createChannel, decodeServiceError, notFound, remainingMs, type CallContext } from '@ecommerce/grpc-kit';

/** The one question order handling asks the catalog. Handlers depend on this, not on gRPC. */
export interface ProductLookup {
  /** The product, or an RpcError that tells "no such product" apart from "could not ask". */
  getProduct(id: string, context: Pick<CallContext, 'requestId' | 'logger' | 'deadline'>): Promise<Product>;
}

/** Upstream codes that mean "product-service could not answer now; the same call may work later". */
const TRANSIENT = new Set<status>([status.UNAVAILABLE, status.CANCELLED, status.RESOURCE_EXHAUSTED, status.ABORTED]);

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}

/**
 * Maps a failed GetProduct call to what order-service's caller should see:
 * - NOT_FOUND with reason PRODUCT_NOT_FOUND -> NOT_FOUND, reason PRODUCT_NOT_FOUND, naming the id: the
 *   only case that blames the id, so it needs product-service's own word (a bare NOT_FOUND from
 *   something else at that address falls under "anything else");
 * - DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED, reason PRODUCT_SERVICE_TIMEOUT;
 * - UNAVAILABLE, CANCELLED, RESOURCE_EXHAUSTED, ABORTED -> UNAVAILABLE, reason PRODUCT_SERVICE_UNAVAILABLE
 *   (retryable: the product may well exist);
 * - anything else (INTERNAL, UNIMPLEMENTED, INVALID_ARGUMENT after our own validation, ...) is a
 *   fault between the services, returned as a plain Error so the handler wrapper logs it and answers
 *   INTERNAL "internal error" without leaking upstream internals.
 * Upstream messages (which name internal addresses) stay out of the returned message.
 */
export function toCatalogError(error: unknown, productId: string, timeoutMs: number): Error {
  if (!isServiceError(error)) return error instanceof Error ? error : new Error(String(error));
  const metadata = { product_id: productId };
  if (error.code === status.NOT_FOUND && decodeServiceError(error).reason === 'PRODUCT_NOT_FOUND') {
    return notFound('PRODUCT_NOT_FOUND', 'product', productId);
  }
  if (error.code === status.DEADLINE_EXCEEDED) {
    return new RpcError('PRODUCT_SERVICE_TIMEOUT', `product-service did not answer within ${timeoutMs} ms; retry later`, [], metadata);
  }
  if (TRANSIENT.has(error.code)) {
    return new RpcError('PRODUCT_SERVICE_UNAVAILABLE', 'product-service is unavailable; retry later', [], metadata);
  }
  return new Error(`product-service answered GetProduct ${productId} with ${status[error.code]}: ${error.details}`);
}

/**
 * Client of product-service over ONE long-lived channel, created at start and shared by every call
 * (grpc-js reconnects it by itself, quickly: see CHANNEL_OPTIONS). Every call carries a deadline and
 * the caller's correlation id. Close it on shutdown.
 */
export class ProductCatalog implements ProductLookup {
  private readonly channel: Channel;
  private readonly client: ProductServiceClient;

  /**
   * @param address host:port of product-service (PRODUCT_SERVICE_ADDR); nothing is dialled until the first call
   * @param timeoutMs deadline of each call (PRODUCT_CALL_TIMEOUT_MS, default 2000)
   */
  constructor(address: string, private readonly timeoutMs: number) {
    this.channel = createChannel(address);
    this.client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: this.channel });
  }

  async getProduct(id: string, context: Pick<CallContext, 'requestId' | 'logger' | 'deadline'>): Promise<Product> {
    try {
      const response = await callUnary(this.client.getProduct.bind(this.client), { id }, {
        requestId: context.requestId,
        // Never wait longer than our own caller will: its deadline caps PRODUCT_CALL_TIMEOUT_MS.
        timeoutMs: remainingMs(context, this.timeoutMs),
      });
      if (!response.product) throw new Error(`product-service answered GetProduct ${id} without a product`);
      return response.product;
    } catch (error) {
      if (isServiceError(error) && error.code !== status.NOT_FOUND) {
        context.logger.warn({ product_id: id, upstream_code: status[error.code], upstream_message: error.details },
          'product-service call failed');
      }
      throw toCatalogError(error, id, this.timeoutMs);
    }
  }

  /** Closes the channel; calls still in flight fail with UNAVAILABLE. */
  close(): void {
    this.channel.close();
  }
}
