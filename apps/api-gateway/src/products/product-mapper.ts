import type { CreateProductRequest as CreateProductMessage, Product as ProductMessage } from '@ecommerce/contracts';
import { validationFailed } from '../errors/gateway-problem.js';
import { fromMoney, toMoney, toRfc3339 } from '../upstream/wire-values.js';
import type { CreateProductRequest, Product } from './product-models.js';

/** Wire product -> REST product. */
export function toProduct(message: ProductMessage | undefined): Product {
  if (!message) throw new Error('upstream response without a product');
  const { amount, currency } = fromMoney(message.price);
  return {
    id: message.id,
    name: message.name,
    description: message.description,
    price: amount,
    currency,
    stock: message.stock ?? null,
    created_at: toRfc3339(message.createTime),
    updated_at: toRfc3339(message.updateTime),
  };
}

/**
 * REST body (already shape-checked by tsoa) -> CreateProduct request. Money is converted here, at
 * the edge, so "more decimals than the currency has" is a field error on `price`.
 * @throws GatewayProblem 400 VALIDATION_FAILED
 */
export function toCreateProductMessage(body: CreateProductRequest): CreateProductMessage {
  const price = toMoney(body.price, body.currency);
  if ('errors' in price) throw validationFailed(price.errors);
  return {
    name: body.name,
    description: body.description ?? '',
    price: price.money,
    stock: body.stock,
  };
}
