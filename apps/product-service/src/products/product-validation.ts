import { z } from 'zod';
import { DEFAULT_CURRENCY, MAX_MINOR_AMOUNT, isValidCurrency, parseMinorAmount } from '@ecommerce/money';
import { parseOrThrow } from '@ecommerce/grpc-kit';
import type { CreateProductRequest } from '@ecommerce/contracts';

/** A create request that passed validation, money already parsed to a number of minor units. */
export interface ValidProductInput {
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  stock: number | null;
}

const createSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().max(2000, 'must be at most 2000 characters'),
  price: z.object(
    {
      amountMinor: z.string().transform((text, ctx) => {
        const amount = parseMinorAmount(text);
        if (amount === undefined || amount <= 0) {
          ctx.addIssue({ code: 'custom', message: `must be an integer from 1 to ${MAX_MINOR_AMOUNT}` });
          return z.NEVER;
        }
        return amount;
      }),
      currency: z.string().transform((code, ctx) => {
        const currency = code === '' ? DEFAULT_CURRENCY : code;
        if (!isValidCurrency(currency)) {
          ctx.addIssue({ code: 'custom', message: 'must be an upper-case ISO 4217 code such as USD' });
          return z.NEVER;
        }
        return currency;
      }),
    },
    { error: 'is required' },
  ),
  stock: z.number().int().min(0, 'must be 0 or more').optional(),
});

/** Validates CreateProduct; throws INVALID_ARGUMENT (VALIDATION_FAILED) listing every bad field. */
export function validateCreateProduct(request: CreateProductRequest): ValidProductInput {
  const { name, description, price, stock } = parseOrThrow(createSchema, request);
  return { name, description, priceMinor: price.amountMinor, currency: price.currency, stock: stock ?? null };
}
