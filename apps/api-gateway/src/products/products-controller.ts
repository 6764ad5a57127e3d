import { Body, Controller, Extension, Get, Path, Post, Query, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ProblemDetails } from '../errors/problem-models.js';
import type { RequestContext } from '../http/request-context.js';
import type { PageSize, PageToken } from '../http/page-models.js';
import type { ProductApi } from './product-api.js';
import type { CreateProductRequest, Product, ProductList } from './product-models.js';

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
   * `Location` header naming it.
   * @summary Create a product
   */
  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created. `Location` is the new product\'s path, /products/{id}.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async createProduct(@Body() body: CreateProductRequest): Promise<Product> {
    const product = await this.products.create(body, this.context);
    this.setStatus(201);
    this.setHeader('Location', `/products/${product.id}`);
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
  @SuccessResponse(200, 'One page of products.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async listProducts(@Query() page_size?: PageSize, @Query() page_token?: PageToken): Promise<ProductList> {
    return this.products.list(page_size ?? 0, page_token ?? '', this.context);
  }

  /**
   * Returns one product.
   * @summary Get a product
   * @param id The product's UUID.
   * @example id "550e8400-e29b-41d4-a716-446655440000"
   */
  @Get('{id}')
  @SuccessResponse(200, 'The product.')
  @Extension('x-problems', ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PRODUCT_NOT_FOUND', 'INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])
  async getProduct(@Path() id: string): Promise<Product> {
    return this.products.get(id, this.context);
  }
}
