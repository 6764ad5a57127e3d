import { z } from 'zod';
import { parseOrThrow } from '@ecommerce/grpc-kit';
import type { CreateOrderRequest } from '@ecommerce/contracts';

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
export function validateCreateOrder(request: CreateOrderRequest): ValidOrderInput {
  return parseOrThrow(createSchema, request);
}
