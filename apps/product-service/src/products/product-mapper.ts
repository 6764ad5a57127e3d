import type { Product as ProductMessage, Stock as StockMessage } from '@ecommerce/contracts';
import { toMoneyMessage } from '@ecommerce/money';
import { productEtag, stockEtag } from './etags.js';
import type { Product } from './product.entity.js';

/** Entity -> wire message. */
export function toProductMessage(product: Product): ProductMessage {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: toMoneyMessage({ minor: product.priceMinor, currency: product.currency }),
    stock: product.stock ?? undefined,
    createTime: product.createdAt,
    updateTime: product.updatedAt,
    etag: productEtag(product.version),
  };
}

/** Entity -> the product's stock resource. */
export function toStockMessage(product: Product): StockMessage {
  return {
    productId: product.id,
    stock: product.stock ?? undefined,
    etag: stockEtag(product.stockVersion),
    updateTime: product.stockUpdatedAt ?? product.createdAt,
  };
}
