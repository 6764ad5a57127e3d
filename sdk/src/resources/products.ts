import type { APIPromise } from '../api-promise.js';
import { createPage, type Page, type PagePromise } from '../pagination.js';
import type { CreateRequestOptions, RequestOptions, Transport } from '../transport.js';
import type { Product, ProductCreateParams, ProductList, ProductListParams } from '../types.js';

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
}
