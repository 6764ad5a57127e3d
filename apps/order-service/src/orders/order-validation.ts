import { z } from 'zod';
import { parseOrThrow, validationError, type FieldViolation } from '@ecommerce/grpc-kit';
import { OrderStatus, orderStatusName, type CreateOrderRequest, type ListOrdersRequest, type OrderStatusName } from '@ecommerce/contracts';

/** Smallest and largest quantity one order may carry. */
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 10_000;

/** A create request that passed validation; the product id is lower-cased. */
export interface ValidOrderInput {
  productId: string;
  quantity: number;
}

const createSchema = z.object({
  productId: z.uuid({ error: 'must be a UUID' }).transform((id) => id.toLowerCase()),
  quantity: z
    .number()
    .int('must be an integer')
    .min(MIN_QUANTITY, `must be an integer from ${MIN_QUANTITY} to ${MAX_QUANTITY}`)
    .max(MAX_QUANTITY, `must be an integer from ${MIN_QUANTITY} to ${MAX_QUANTITY}`),
});

/**
 * Validates CreateOrder before any upstream call; throws INVALID_ARGUMENT (VALIDATION_FAILED) listing
 * every bad field (`product_id`, `quantity`), so a malformed id never reaches product-service.
 */
/** The request's fields (its request_id is the idempotency key's business: libs/idempotency). */
export function validateCreateOrder(request: Omit<CreateOrderRequest, 'requestId'>): ValidOrderInput {
  return parseOrThrow(createSchema, request);
}

/** ListOrders' filter, validated: a product id (lower-cased) and the stored statuses a public one covers. */
export interface ValidListFilter {
  productId?: string;
  status?: OrderStatusName;
}

/**
 * Validates ListOrders' filter fields: `product_id` empty or a UUID, `status` UNSPECIFIED (all) or
 * a known state. Throws INVALID_ARGUMENT listing every bad field.
 */
export function validateListFilter(request: ListOrdersRequest): ValidListFilter {
  const violations: FieldViolation[] = [];
  let productId: string | undefined;
  if (request.productId !== '') {
    if (z.uuid().safeParse(request.productId).success) productId = request.productId.toLowerCase();
    else violations.push({ field: 'product_id', description: 'must be a UUID' });
  }
  let status: OrderStatusName | undefined;
  if (request.status !== OrderStatus.ORDER_STATUS_UNSPECIFIED) {
    status = orderStatusName(request.status);
    if (!status) violations.push({ field: 'status', description: 'must be CONFIRMED or CANCELLED' });
  }
  if (violations.length > 0) throw validationError(violations);
  return { ...(productId && { productId }), ...(status && { status }) };
}
