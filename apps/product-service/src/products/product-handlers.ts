import {
  CreateProductRequest, CreateProductResponse, UpdateProductRequest, UpdateProductResponse, type ProductServiceServer,
} from '@ecommerce/contracts';
import { RpcError, notFound, requireUuid, validationError, type AsyncService } from '@ecommerce/grpc-kit';
import { parsePageRequest, type PageTokens } from '@ecommerce/paging';
import { commitIfWaiting, idempotentRequest, type IdempotencyKeys } from '@ecommerce/idempotency';
import type { Database } from '@ecommerce/persistence';
import { productEtag, stockEtag } from './etags.js';
import { toProductMessage, toStockMessage } from './product-mapper.js';
import { ProductRepository, versionsOf } from './product-repository.js';
import type { Product } from './product.entity.js';
import {
  validateCreateProduct, validateEtags, validateReserveStock, validateSetStock, validateUpdateProduct,
} from './product-validation.js';
import { StockReservations } from './stock-reservations.js';

/** FAILED_PRECONDITION ETAG_MISMATCH naming the current entity-tag, or NOT_FOUND when the product is gone. */
function conditionFailed(id: string, current: Product | undefined, currentEtag: (product: Product) => string, etags: string[]): RpcError {
  if (!current) return notFound('PRODUCT_NOT_FOUND', 'product', id);
  return new RpcError('ETAG_MISMATCH', `product ${id} is at ${currentEtag(current)}, not ${etags.join(', ')}`, [], {
    product_id: id, current_etag: currentEtag(current),
  });
}

/**
 * The ProductService RPCs over the service's database. Every write commits only while its caller
 * waits; CreateProduct and UpdateProduct with a request_id run once per key (`keys`); list pages
 * are resumed with signed tokens (`pageTokens`).
 */
export function productHandlers(db: Database, deps: { keys: IdempotencyKeys; pageTokens: PageTokens }): AsyncService<ProductServiceServer> {
  const { keys, pageTokens } = deps;
  const repository = new ProductRepository(db);
  const reservations = new StockReservations(db);
  const existing = async (id: string): Promise<Product> => {
    const product = await repository.findById(id);
    if (!product) throw notFound('PRODUCT_NOT_FOUND', 'product', id);
    return product;
  };
  return {
    async createProduct(request, context) {
      const keyed = idempotentRequest('CreateProduct', CreateProductRequest, request, context);
      const input = validateCreateProduct(request);
      return keys.write(keyed, CreateProductResponse, context, async (tx) =>
        ({ product: toProductMessage(await new ProductRepository(tx).create(input)) }));
    },

    async getProduct(request) {
      return { product: toProductMessage(await existing(requireUuid(request.id))) };
    },

    async listProducts(request) {
      const parsed = parsePageRequest(pageTokens, 'product', request.pageSize, request.pageToken);
      if (!parsed.ok) throw validationError(parsed.violations);
      const { items, hasMore } = await repository.list(parsed.page);
      const last = items.at(-1);
      return {
        products: items.map(toProductMessage),
        nextPageToken: hasMore && last ? pageTokens.encode('product', last.seq) : '',
      };
    },

    async updateProduct(request, context) {
      const keyed = idempotentRequest('UpdateProduct', UpdateProductRequest, request, context);
      const { id, changes, etags } = validateUpdateProduct(request);
      return keys.write(keyed, UpdateProductResponse, context, async (tx) => {
        const products = new ProductRepository(tx);
        const updated = await products.update(id, changes, versionsOf(etags));
        if (updated) return { product: toProductMessage(updated) };
        throw conditionFailed(id, await products.findById(id), (p) => productEtag(p.version), etags);
      });
    },

    async deleteProduct(request, context) {
      const id = requireUuid(request.id);
      const etags = validateEtags(request.etags);
      return commitIfWaiting(db, context, async (tx) => {
        const products = new ProductRepository(tx);
        if (await products.delete(id, versionsOf(etags))) return {};
        throw conditionFailed(id, await products.findById(id), (p) => productEtag(p.version), etags);
      });
    },

    async getStock(request) {
      return { stock: toStockMessage(await existing(requireUuid(request.productId, 'product_id'))) };
    },

    async setStock(request, context) {
      const { productId, stock, etags } = validateSetStock(request);
      return commitIfWaiting(db, context, async (tx) => {
        const products = new ProductRepository(tx);
        const updated = await products.setStock(productId, stock, versionsOf(etags, stockEtag));
        if (updated) return { stock: toStockMessage(updated) };
        throw conditionFailed(productId, await products.findById(productId), (p) => stockEtag(p.stockVersion), etags);
      });
    },

    async reserveStock(request, context) {
      const { orderId, productId, quantity } = validateReserveStock(request);
      const { product } = await reservations.reserve(orderId, productId, quantity, context);
      return { product: toProductMessage(product), remaining: product.stock ?? undefined };
    },

    async releaseStock(request) {
      return { released: await reservations.release(requireUuid(request.orderId, 'order_id')) };
    },
  };
}
