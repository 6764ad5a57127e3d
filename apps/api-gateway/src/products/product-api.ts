import type { ProductServiceClient } from '@ecommerce/contracts';
import { callUnary, callUnaryWithMetadata, isReplayed } from '@ecommerce/grpc-kit';
import { markReplayed, requestIdOf } from '../http/idempotency-key.js';
import type { IdempotencyKey } from '../http/idempotency-models.js';
import type { RequestContext } from '../http/request-context.js';
import { upstreamCallOptions } from '../upstream/call-options.js';
import { nullIfEmpty } from '../upstream/wire-values.js';
import type { ProductCache } from './product-cache.js';
import { toCreateProductMessage, toProduct, toProductStock, toUpdateProductMessage } from './product-mapper.js';
import type {
  CreateProductRequest, Product, ProductList, ProductStock, SetStockRequest, UpdateProductRequest,
} from './product-models.js';

/**
 * The product operations the REST API offers, carried out over gRPC: REST shapes in and out, the
 * caller's request id in metadata, a deadline on every call. gRPC failures are thrown as they are;
 * the error handler maps them. `etags` are If-Match's entity-tags, checked by product-service; an
 * Idempotency-Key travels as the request's request_id, and a replayed answer is marked as one.
 * Reads go through the product cache (when it is on), and every write invalidates it.
 */
export class ProductApi {
  constructor(
    private readonly client: ProductServiceClient,
    private readonly timeoutMs: number,
    private readonly cache: ProductCache,
  ) {}

  async create(body: CreateProductRequest, key: IdempotencyKey | undefined, context: RequestContext): Promise<Product> {
    const request = toCreateProductMessage(body, requestIdOf(key));
    const { response, metadata } = await callUnaryWithMetadata(this.client.createProduct.bind(this.client), request, this.options(context));
    markReplayed(context, isReplayed(metadata));
    return toProduct(response.product);
  }

  async get(id: string, context: RequestContext): Promise<Product> {
    return this.cache.read(id, async () => {
      const response = await callUnary(this.client.getProduct.bind(this.client), { id }, this.options(context));
      return toProduct(response.product);
    });
  }

  /** @param pageSize 1-100 (validated by the route); 0 = the service default of 20 */
  async list(pageSize: number, pageToken: string, context: RequestContext): Promise<ProductList> {
    const response = await callUnary(
      this.client.listProducts.bind(this.client),
      { pageSize, pageToken },
      this.options(context),
    );
    return { products: response.products.map(toProduct), next_page_token: nullIfEmpty(response.nextPageToken) };
  }

  async update(id: string, body: UpdateProductRequest, etags: string[], key: IdempotencyKey | undefined, context: RequestContext): Promise<Product> {
    const request = toUpdateProductMessage(id, body, etags, requestIdOf(key));
    const { response, metadata } = await this.cache.writing(id, () =>
      callUnaryWithMetadata(this.client.updateProduct.bind(this.client), request, this.options(context)));
    markReplayed(context, isReplayed(metadata));
    return toProduct(response.product);
  }

  async delete(id: string, etags: string[], context: RequestContext): Promise<void> {
    await this.cache.writing(id, () => callUnary(this.client.deleteProduct.bind(this.client), { id, etags }, this.options(context)));
  }

  async getStock(id: string, context: RequestContext): Promise<ProductStock> {
    const response = await callUnary(this.client.getStock.bind(this.client), { productId: id }, this.options(context));
    return toProductStock(response.stock);
  }

  async setStock(id: string, body: SetStockRequest, etags: string[], context: RequestContext): Promise<ProductStock> {
    const request = { productId: id, stock: body.stock ?? undefined, etags };
    const response = await callUnary(this.client.setStock.bind(this.client), request, this.options(context));
    return toProductStock(response.stock);
  }

  private options(context: RequestContext) {
    return upstreamCallOptions(context, this.timeoutMs);
  }
}
