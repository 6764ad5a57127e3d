import {
  Body, Controller, Delete, Extension, Get, Header, NoSecurity, Patch, Path, Post, Put, Query, Response, Route, Security, SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { ProblemDetails } from '../errors/problem-models.js';
import type { RequestContext } from '../http/request-context.js';
import { noneMatchHits, parseEntityTags } from '../http/entity-tags.js';
import type { IdempotencyKey } from '../http/idempotency-models.js';
import type { PageSize, PageToken } from '../http/page-models.js';
import type { ProductApi } from './product-api.js';
import type {
  CreateProductRequest, Product, ProductList, ProductStock, SetStockRequest, UpdateProductRequest,
} from './product-models.js';

/** Reads may be stored, but only used after revalidating with If-None-Match (a 304 is cheap). */
const REVALIDATE = 'no-cache';

// Each operation lists the problems it can answer with (`x-problems`: reasons and bare gRPC codes
// of libs/errors); the spec's problem responses and their examples are built from the catalogue.

/** The product catalog. Prices are JSON numbers in major units of the product's currency. */
@Route('products')
@Tags('Products')
// Names the problem body for the spec; scripts/finish-spec.ts replaces it with the listed problems.
@Response<ProblemDetails>('default', 'An error (RFC 9457 problem details).')
export class ProductsController extends Controller {
  constructor(
    private readonly products: ProductApi,
    private readonly context: RequestContext,
  ) {
    super();
  }

  /**
   * Adds a product to the catalog. Only `name` and `price` are required; `currency` defaults to
   * USD and `description` to "". Unknown fields are rejected. Answers 201 with the product and a
   * `Location` header naming it. With an `Idempotency-Key`, a retry answers the first outcome.
   * @summary Create a product
   * @param idempotencyKey Makes retrying this request safe: the same key and request again answer the first outcome (1-255 printable ASCII characters; a UUID is best).
   */
  @Post()
  @Security('bearer', ['products:write'])
  @SuccessResponse<{ Location: string; ETag: string }>(201, 'Created. `Location` is the new product\'s path, /products/{id}; `ETag` its entity-tag.')
  @Extension('x-problems', [
    'VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL', 'UNAVAILABLE',
    'DEADLINE_EXCEEDED',
  ])
  async createProduct(@Body() body: CreateProductRequest, @Header('Idempotency-Key') idempotencyKey?: IdempotencyKey): Promise<Product> {
    const product = await this.products.create(body, idempotencyKey, this.context);
    this.setStatus(201);
    this.setHeader('Location', `/products/${product.id}`);
    this.setHeader('ETag', product.etag);
    return product;
  }

  /**
   * Lists products, oldest first, one page at a time. Paging is stable: every product appears
   * exactly once even while products are being added. Follow `next_page_token` until it is null.
   * @summary List products
   * @param page_size Products per page, 1 to 100; 20 when absent.
   * @param page_token `next_page_token` of the previous page; absent for the first page.
   */
  @Get()
  @NoSecurity()
  @SuccessResponse(200, 'One page of products.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async listProducts(@Query() page_size?: PageSize, @Query() page_token?: PageToken): Promise<ProductList> {
    return this.products.list(page_size ?? 0, page_token ?? '', this.context);
  }

  /**
   * Returns one product, with its entity-tag in `ETag`. Send that back in `If-None-Match` to
   * revalidate a copy you hold: 304 (no body) while it is current.
   * @summary Get a product
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440000"
   * @param ifNoneMatch Entity-tags of copies you hold (or "*"): 304 when one is current.
   */
  @Get('{id}')
  @NoSecurity()
  @SuccessResponse<{ ETag: string }>(200, 'The product; `ETag` is its entity-tag.')
  @Response<void, { ETag: string }>(304, 'Not modified: the copy whose entity-tag you sent in If-None-Match is current.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PRODUCT_NOT_FOUND', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async getProduct(@Path() id: string, @Header('If-None-Match') ifNoneMatch?: string): Promise<Product | void> {
    const tags = parseEntityTags(ifNoneMatch, 'If-None-Match');
    const product = await this.products.get(id, this.context);
    this.setHeader('ETag', product.etag);
    this.setHeader('Cache-Control', REVALIDATE);
    if (noneMatchHits(product.etag, tags)) {
      this.setStatus(304);
      return undefined;
    }
    return product;
  }

  /**
   * Changes some of a product's fields (JSON merge patch: a member that is absent stays as it is).
   * With `If-Match`, the change applies only if the product is still at one of those entity-tags
   * (412 otherwise, and nothing changes); without it, the last writer wins. Changing `price` needs
   * its `currency` too. Answers the product, with its new `ETag`.
   * @summary Update a product
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440000"
   * @param ifMatch The entity-tag you read (`ETag`), or "*": change only if it is still current.
   * @param idempotencyKey Makes retrying this request safe: the same key and request again answer the first outcome (1-255 printable ASCII characters; a UUID is best).
   */
  @Patch('{id}')
  @Security('bearer', ['products:write'])
  @SuccessResponse<{ ETag: string }>(200, 'The product as changed; `ETag` is its new entity-tag.')
  @Extension('x-problems', [
    'VALIDATION_FAILED', 'MALFORMED_JSON', 'MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PRODUCT_NOT_FOUND',
    'ETAG_MISMATCH', 'IDEMPOTENCY_KEY_REUSED', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED',
  ])
  async updateProduct(
    @Path() id: string,
    @Body() body: UpdateProductRequest,
    @Header('If-Match') ifMatch?: string,
    @Header('Idempotency-Key') idempotencyKey?: IdempotencyKey,
  ): Promise<Product> {
    const product = await this.products.update(id, body, parseEntityTags(ifMatch, 'If-Match'), idempotencyKey, this.context);
    this.setHeader('ETag', product.etag);
    return product;
  }

  /**
   * Deletes a product: it is gone from reads, lists and new orders (404); orders placed before
   * keep their prices. Same `If-Match` rule as PATCH. Deleting it again is 404.
   * @summary Delete a product
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440009"
   * @param ifMatch The entity-tag you read (`ETag`), or "*": delete only if it is still current.
   */
  @Delete('{id}')
  @Security('bearer', ['products:write'])
  @SuccessResponse(204, 'Deleted.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PRODUCT_NOT_FOUND', 'ETAG_MISMATCH', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async deleteProduct(@Path() id: string, @Header('If-Match') ifMatch?: string): Promise<void> {
    await this.products.delete(id, parseEntityTags(ifMatch, 'If-Match'), this.context);
    this.setStatus(204);
  }

  /**
   * Returns a product's stock, a resource of its own with its own `ETag`: orders change it, so
   * it is never part of the product's representation. `If-None-Match` revalidates as for products.
   * @summary Get a product's stock
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440000"
   * @param ifNoneMatch Entity-tags of copies you hold (or "*"): 304 when one is current.
   */
  @Get('{id}/stock')
  @NoSecurity()
  @SuccessResponse<{ ETag: string }>(200, 'The stock; `ETag` is its entity-tag.')
  @Response<void, { ETag: string }>(304, 'Not modified: the copy whose entity-tag you sent in If-None-Match is current.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PRODUCT_NOT_FOUND', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async getStock(@Path() id: string, @Header('If-None-Match') ifNoneMatch?: string): Promise<ProductStock | void> {
    const tags = parseEntityTags(ifNoneMatch, 'If-None-Match');
    const stock = await this.products.getStock(id, this.context);
    this.setHeader('ETag', stock.etag);
    this.setHeader('Cache-Control', REVALIDATE);
    if (noneMatchHits(stock.etag, tags)) {
      this.setStatus(304);
      return undefined;
    }
    return stock;
  }

  /**
   * Sets a product's stock level (or null: not tracked). With `If-Match` (the stock's `ETag`), only
   * if nobody changed the stock since you read it: a restock that does not lose concurrent sales.
   * @summary Set a product's stock
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440000"
   * @param ifMatch The stock's entity-tag you read, or "*".
   */
  @Put('{id}/stock')
  @Security('bearer', ['products:write'])
  @SuccessResponse<{ ETag: string }>(200, 'The stock as set; `ETag` is its new entity-tag.')
  @Extension('x-problems', [
    'VALIDATION_FAILED', 'MALFORMED_JSON', 'MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PRODUCT_NOT_FOUND',
    'ETAG_MISMATCH', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED',
  ])
  async setStock(@Path() id: string, @Body() body: SetStockRequest, @Header('If-Match') ifMatch?: string): Promise<ProductStock> {
    const stock = await this.products.setStock(id, body, parseEntityTags(ifMatch, 'If-Match'), this.context);
    this.setHeader('ETag', stock.etag);
    return stock;
  }
}
