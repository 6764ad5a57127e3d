import type { Product as ProductMessage } from '@ecommerce/contracts';
import type { Product } from './product.entity.js';

/** Entity -> wire message. Money goes out as an int64 decimal string. */
export function toProductMessage(product: Product): ProductMessage {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: { amountMinor: String(product.priceMinor), currency: product.currency },
    stock: product.stock ?? undefined,
    createTime: product.createdAt,
    updateTime: product.updatedAt,
  };
}
