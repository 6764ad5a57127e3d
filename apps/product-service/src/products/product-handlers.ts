import type { ProductServiceServer } from '@ecommerce/contracts';
import { notFound, requireUuid, validationError, type AsyncService } from '@ecommerce/grpc-kit';
import { encodePageToken, parsePageRequest } from '@ecommerce/paging';
import type { Database } from '@ecommerce/persistence';
import { toProductMessage } from './product-mapper.js';
import { ProductRepository } from './product-repository.js';
import { validateCreateProduct } from './product-validation.js';

/** The ProductService RPCs over the service's database. */
export function productHandlers(db: Database): AsyncService<ProductServiceServer> {
  const repository = new ProductRepository(db);
  return {
    async createProduct(request) {
      const input = validateCreateProduct(request);
      const product = await repository.create(input);
      return { product: toProductMessage(product) };
    },

    async getProduct(request) {
      const id = requireUuid(request.id);
      const product = await repository.findById(id);
      if (!product) throw notFound('PRODUCT_NOT_FOUND', 'product', id);
      return { product: toProductMessage(product) };
    },

    async listProducts(request) {
      const parsed = parsePageRequest('product', request.pageSize, request.pageToken);
      if (!parsed.ok) throw validationError(parsed.violations);
      const { items, hasMore } = await repository.list(parsed.page);
      const last = items.at(-1);
      return {
        products: items.map(toProductMessage),
        nextPageToken: hasMore && last ? encodePageToken('product', last.seq) : '',
      };
    },
  };
}
