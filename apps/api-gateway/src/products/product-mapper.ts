import type {
  CreateProductRequest as CreateProductMessage, Product as ProductMessage, Stock as StockMessage,
  UpdateProductRequest as UpdateProductMessage,
} from '@ecommerce/contracts';
import { validationFailed } from '../errors/gateway-problem.js';
import type { FieldError } from '../errors/problem-models.js';
import { fromMoney, toMoney, toRfc3339 } from '../upstream/wire-values.js';
import type { CreateProductRequest, Product, ProductStock, UpdateProductRequest } from './product-models.js';

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
    etag: message.etag,
    created_at: toRfc3339(message.createTime),
    updated_at: toRfc3339(message.updateTime),
  };
}

/** Wire stock -> REST stock. */
export function toProductStock(message: StockMessage | undefined): ProductStock {
  if (!message) throw new Error('upstream response without a stock');
  return { product_id: message.productId, stock: message.stock ?? null, etag: message.etag, updated_at: toRfc3339(message.updateTime) };
}

/**
 * The money rules the gateway checks on a product body besides its schema: the price in minor
 * units of its currency (no more decimals than the currency has, within the bound, above 0) and,
 * for a patch, `price` and `currency` together. Also run, by the error handler, on a body that
 * failed the schema, so that one 400 lists every bad field. Members of the wrong type are the
 * schema's business and are skipped here.
 */
export function productMoneyErrors(body: unknown, kind: 'create' | 'patch'): FieldError[] {
  if (typeof body !== 'object' || body === null) return [];
  const { price, currency } = body as { price?: unknown; currency?: unknown };
  const errors: FieldError[] = [];
  if (kind === 'patch' && (price !== undefined || currency !== undefined)) {
    if (price === undefined) errors.push({ field: 'price', message: 'is required with currency' });
    if (currency === undefined) errors.push({ field: 'currency', message: 'is required with price (the gateway converts the price in that currency)' });
    if (errors.length > 0) return errors;
  }
  if (typeof price !== 'number' || (currency !== undefined && typeof currency !== 'string')) return errors;
  const converted = toMoney(price, currency as string | undefined);
  return 'errors' in converted ? converted.errors : [];
}

/**
 * REST body (already shape-checked by tsoa) -> CreateProduct request. Money is converted here, at
 * the edge, so "more decimals than the currency has" is a field error on `price`.
 * @throws GatewayProblem 400 VALIDATION_FAILED
 */
export function toCreateProductMessage(body: CreateProductRequest, requestId: string): CreateProductMessage {
  const price = toMoney(body.price, body.currency);
  if ('errors' in price) throw validationFailed(price.errors);
  return {
    name: body.name,
    description: body.description ?? '',
    price: price.money,
    stock: body.stock ?? undefined,
    requestId,
  };
}

/**
 * A merge patch -> UpdateProduct: each member present goes into the field mask. The gateway does
 * not know the stored currency, so `price` and `currency` must come together (a field error on
 * the missing one): a price is only meaningful in a currency the client names.
 * @throws GatewayProblem 400 VALIDATION_FAILED
 */
export function toUpdateProductMessage(id: string, body: UpdateProductRequest, etags: string[], requestId: string): UpdateProductMessage {
  const errors = productMoneyErrors(body, 'patch');
  const mask: string[] = [];
  const product: Partial<ProductMessage> = { id };
  if (body.name !== undefined) {
    mask.push('name');
    product.name = body.name;
  }
  if (body.description !== undefined) {
    mask.push('description');
    product.description = body.description ?? '';
  }
  if (body.price !== undefined && body.currency !== undefined && errors.length === 0) {
    const price = toMoney(body.price, body.currency);
    if ('money' in price) product.price = price.money;
    mask.push('price');
  }
  if (body.stock !== undefined) {
    mask.push('stock');
    product.stock = body.stock ?? undefined;
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { product: product as ProductMessage, updateMask: mask, etags, requestId };
}
