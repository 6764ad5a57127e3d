import { Body, Controller, Example, Get, Path, Post, Query, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ProblemDetails } from '../errors/problem-models.js';
import type { RequestContext } from '../http/request-context.js';
import type { PageSize, PageToken } from '../http/page-models.js';
import type { ProductApi } from './product-api.js';
import type { CreateProductRequest, Product, ProductList } from './product-models.js';

/** The product catalog. Prices are JSON numbers in major units of the product's currency. */
@Route('products')
@Tags('Products')
@Response<ProblemDetails>(500, 'Internal error (type .../problems/internal). Nothing about the cause is disclosed; quote `request_id`.', {
  type: 'https://ecommerce.example.com/problems/internal', title: 'Internal error', status: 500,
  detail: 'The request could not be completed because of an internal error.', instance: '/products',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'INTERNAL', reason: 'INTERNAL',
})
@Response<ProblemDetails>(503, 'product-service is unreachable (type .../problems/unavailable); retry later.', {
  type: 'https://ecommerce.example.com/problems/unavailable', title: 'Service unavailable', status: 503,
  detail: 'A service this request needs is unavailable; try again shortly.', instance: '/products',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'UNAVAILABLE',
})
@Response<ProblemDetails>(504, 'product-service did not answer within the deadline (type .../problems/deadline-exceeded).', {
  type: 'https://ecommerce.example.com/problems/deadline-exceeded', title: 'Upstream deadline exceeded', status: 504,
  detail: 'A service this request needs did not answer in time; try again shortly.', instance: '/products',
  request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'DEADLINE_EXCEEDED',
})
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
  @Example<Product>({
    id: '550e8400-e29b-41d4-a716-446655440000', name: 'Wireless Headphones',
    description: 'High-quality wireless headphones with noise cancellation', price: 199.99, currency: 'USD',
    stock: null, created_at: '2025-01-15T09:30:00.000Z', updated_at: '2025-01-15T09:30:00.000Z',
  })
  @Response<ProblemDetails>(400, 'Invalid body (type .../problems/validation-failed, `errors` lists every field) or unreadable JSON (.../problems/malformed-json).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: price.', instance: '/products', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED',
    errors: [{ field: 'price', message: 'must have at most 2 decimal places for USD' }],
  }, 'application/problem+json')
  @Response<ProblemDetails>(413, 'Body larger than 1 MB (type .../problems/payload-too-large).', {
    type: 'https://ecommerce.example.com/problems/payload-too-large', title: 'Request body too large', status: 413,
    detail: 'The request body exceeds the limit of 1048576 bytes.', instance: '/products',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', reason: 'PAYLOAD_TOO_LARGE',
  }, 'application/problem+json')
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
  @Response<ProblemDetails>(400, 'Invalid `page_size` or `page_token` (type .../problems/validation-failed).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: page_size.', instance: '/products', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED',
    errors: [{ field: 'page_size', message: 'must be an integer from 1 to 100' }],
  }, 'application/problem+json')
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
  @Response<ProblemDetails>(400, '`id` is not a UUID (type .../problems/validation-failed).', {
    type: 'https://ecommerce.example.com/problems/validation-failed', title: 'Request validation failed', status: 400,
    detail: 'The request has 1 invalid field: id.', instance: '/products/abc', request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10',
    code: 'INVALID_ARGUMENT', reason: 'VALIDATION_FAILED', errors: [{ field: 'id', message: 'must be a UUID, got "abc"' }],
  }, 'application/problem+json')
  @Response<ProblemDetails>(404, 'No product has this id (type .../problems/product-not-found).', {
    type: 'https://ecommerce.example.com/problems/product-not-found', title: 'Product not found', status: 404,
    detail: 'product 550e8400-e29b-41d4-a716-446655440000 not found', instance: '/products/550e8400-e29b-41d4-a716-446655440000',
    request_id: '3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10', code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND',
  }, 'application/problem+json')
  async getProduct(@Path() id: string): Promise<Product> {
    return this.products.get(id, this.context);
  }
}
