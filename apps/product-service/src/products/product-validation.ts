import { z } from 'zod';
import { DEFAULT_CURRENCY, MAX_MINOR_AMOUNT, isValidCurrency, parseMinorAmount } from '@ecommerce/money';
import { parseOrThrow, requireUuid, validationError } from '@ecommerce/grpc-kit';
import type { CreateProductRequest, ReserveStockRequest, SetStockRequest, UpdateProductRequest } from '@ecommerce/contracts';

/** A create request that passed validation, money already parsed to a number of minor units. */
export interface ValidProductInput {
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  stock: number | null;
}

/** The fields an update may change (those in its mask), validated like a create's. */
export type ProductChanges = Partial<ValidProductInput>;

/** Field paths an update mask may name. */
export const UPDATABLE_FIELDS = ['name', 'description', 'price', 'stock'] as const;

/** C0 controls (NUL included), DEL and C1 controls; `lineBreaks` lets tab, LF and CR through. */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;

/** Text as people write it: never a control character (nor a lone surrogate), refused before any store sees it. */
function text(options: { lineBreaks: boolean }) {
  const control = options.lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL;
  const rule = options.lineBreaks ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters';
  return z.string().refine((value) => !control.test(value), rule).refine((value) => value.isWellFormed(), 'must be valid Unicode text');
}

const name = text({ lineBreaks: false }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const description = text({ lineBreaks: true }).max(2000, 'must be at most 2000 characters');
const price = z.object(
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
);
const stock = z.number().int().min(0, 'must be 0 or more').optional();
/** RFC 9110 entity-tags, or "*": what If-Match may carry (weak tags are allowed; they never match). */
const etags = z.array(z.string().regex(/^(\*|(W\/)?"[\x21\x23-\x7e]{0,64}")$/, 'must be "*" or entity-tags such as "\\"3\\""')).max(20, 'must list at most 20 entity-tags');

const createSchema = z.object({ name, description, price, stock });

/** Validates CreateProduct; throws INVALID_ARGUMENT (VALIDATION_FAILED) listing every bad field. */
export function validateCreateProduct(request: Omit<CreateProductRequest, 'requestId'>): ValidProductInput {
  const valid = parseOrThrow(createSchema, request);
  return {
    name: valid.name, description: valid.description, priceMinor: valid.price.amountMinor,
    currency: valid.price.currency, stock: valid.stock ?? null,
  };
}

/**
 * Validates UpdateProduct: the mask names only updatable fields, each masked field obeys the
 * create rules (a masked stock left absent means "not tracked"), the etags are entity-tags.
 * Throws INVALID_ARGUMENT (VALIDATION_FAILED) listing every bad field.
 */
export function validateUpdateProduct(request: Omit<UpdateProductRequest, 'requestId'>): { id: string; changes: ProductChanges; etags: string[] } {
  const mask = [...new Set(request.updateMask ?? [])];
  const unknown = mask.filter((path) => !(UPDATABLE_FIELDS as readonly string[]).includes(path));
  if (unknown.length > 0) {
    throw validationError([{ field: 'update_mask', description: `names fields that cannot be updated: ${unknown.join(', ')}` }]);
  }
  const shape = {
    ...(mask.includes('name') && { name }),
    ...(mask.includes('description') && { description }),
    ...(mask.includes('price') && { price }),
    ...(mask.includes('stock') && { stock }),
    etags,
  };
  const id = requireUuid(request.product?.id ?? '', 'product.id');
  const valid = parseOrThrow(z.object(shape), { ...request.product, etags: request.etags }) as {
    name?: string; description?: string; price?: { amountMinor: number; currency: string }; stock?: number; etags: string[];
  };
  const changes: ProductChanges = {
    ...(valid.name !== undefined && { name: valid.name }),
    ...(valid.description !== undefined && { description: valid.description }),
    ...(valid.price !== undefined && { priceMinor: valid.price.amountMinor, currency: valid.price.currency }),
    ...(mask.includes('stock') && { stock: valid.stock ?? null }),
  };
  return { id, changes, etags: valid.etags };
}

/** Validates the etags of a DeleteProduct or SetStock. */
export function validateEtags(values: string[]): string[] {
  return parseOrThrow(z.object({ etags }), { etags: values }).etags;
}

/** Validates SetStock: a product id and a level of 0 or more (absent = not tracked). */
export function validateSetStock(request: SetStockRequest): { productId: string; stock: number | null; etags: string[] } {
  const productId = requireUuid(request.productId, 'product_id');
  const valid = parseOrThrow(z.object({ stock, etags }), { stock: request.stock, etags: request.etags });
  return { productId, stock: valid.stock ?? null, etags: valid.etags };
}

const reserveSchema = z.object({
  orderId: z.uuid({ error: 'must be a UUID' }).transform((id) => id.toLowerCase()),
  productId: z.uuid({ error: 'must be a UUID' }).transform((id) => id.toLowerCase()),
  quantity: z.number().int('must be an integer').min(1, 'must be an integer from 1 to 10000').max(10_000, 'must be an integer from 1 to 10000'),
});

/** Validates ReserveStock (as order-service sends it: the order's id, its product and quantity). */
export function validateReserveStock(request: ReserveStockRequest): { orderId: string; productId: string; quantity: number } {
  return parseOrThrow(reserveSchema, request);
}
