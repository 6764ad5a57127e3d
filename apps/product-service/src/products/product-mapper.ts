import type { Product as ProductMessage } from '@ecommerce/contracts';
import { toMoneyMessage } from '@ecommerce/money';
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
  };
}
