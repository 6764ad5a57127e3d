import type { APIPromise } from '../api-promise.js';
import { createPage, type Page, type PagePromise } from '../pagination.js';
import {
  withIfMatch, type ConditionalRequestOptions, type ConditionalWriteOptions, type CreateRequestOptions, type RequestOptions, type Transport,
} from '../transport.js';
import type {
  Product, ProductCreateParams, ProductList, ProductListParams, ProductStock, ProductStockSetParams, ProductUpdateParams,
} from '../types.js';

/** A page of products: `.products`, `.next_page_token`, `.hasNextPage()`, `.getNextPage()`. */
export type ProductPage = Page<ProductList, Product>;

/** `client.products`: the catalog. */
export class Products {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates a product (POST /products -> 201). `price` is in major units (199.99) with no more
   * decimals than the currency has; `currency` defaults to "USD", `description` to "".
   * @throws BadRequestError with `problem.errors` naming each invalid field.
   */
  create(body: ProductCreateParams, options?: CreateRequestOptions): APIPromise<Product> {
    return this.#transport.post<Product>('/products', { body }, options);
  }

  /** Fetches one product (GET /products/{id}). @throws NotFoundError for an unknown id, APIInvalidRequestError for an empty, "." or ".." id (nothing is sent). */
  get(id: string, options?: RequestOptions): APIPromise<Product> {
    return this.#transport.get<Product>('/products/{id}', { path: { id } }, options);
  }

  /**
   * Lists products oldest first, `page_size` (1-100, default 20) per page. Await it for the first
   * page, or iterate it with `for await` to get every product across pages.
   */
  list(query: ProductListParams = {}, options?: RequestOptions): PagePromise<ProductList, Product> {
    const fetchPage = (pageQuery: ProductListParams): PagePromise<ProductList, Product> => this.#transport.getPage<ProductList, Product>(
      '/products', { query: pageQuery }, options,
      (body) => createPage<ProductList, Product>(body, 'products', (page_token) => fetchPage({ ...pageQuery, page_token })),
    );
    return fetchPage(query);
  }

  /**
   * Changes the members of `patch` only (PATCH /products/{id}, a JSON merge patch) and resolves
   * the product with its new `etag`. With `ifMatch` (the `etag` you read) the change applies only
   * if nobody changed the product since. Retried like every write, with one Idempotency-Key.
   * @throws PreconditionFailedError (412, ETAG_MISMATCH) when `ifMatch` is stale: nothing changed.
   * @throws BadRequestError naming each invalid member (`price` needs its `currency`).
   */
  update(id: string, patch: ProductUpdateParams, options?: ConditionalWriteOptions): APIPromise<Product> {
    return this.#transport.patch<Product>('/products/{id}', { path: { id }, body: patch }, withIfMatch(options));
  }

  /**
   * Deletes a product (DELETE /products/{id} -> 204): gone from reads, lists and new orders. Same
   * `ifMatch` rule as `update`. Not retried once sent (a repeated delete would answer 404).
   * @throws NotFoundError when it does not exist (or no longer does).
   */
  delete(id: string, options?: ConditionalRequestOptions): APIPromise<void> {
    return this.#transport.delete<void>('/products/{id}', { path: { id } }, withIfMatch(options));
  }

  /** A product's stock (GET /products/{id}/stock), its own resource with its own `etag`. */
  getStock(id: string, options?: RequestOptions): APIPromise<ProductStock> {
    return this.#transport.get<ProductStock>('/products/{id}/stock', { path: { id } }, options);
  }

  /**
   * Sets a product's stock level, or null for "not tracked" (PUT /products/{id}/stock). With
   * `ifMatch` (the stock's `etag`), only if the stock did not change since you read it.
   * @throws PreconditionFailedError (412) when it did.
   */
  setStock(id: string, body: ProductStockSetParams, options?: ConditionalRequestOptions): APIPromise<ProductStock> {
    return this.#transport.put<ProductStock>('/products/{id}/stock', { path: { id }, body }, withIfMatch(options));
  }
}
