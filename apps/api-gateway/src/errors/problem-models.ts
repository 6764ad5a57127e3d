/** One invalid field of a request. */
export interface FieldError {
  /**
   * The field as named in the JSON body or the query string, e.g. "price" or "page_size".
   * @example "price"
   */
  field: string;
  /**
   * What is wrong with the field.
   * @example "must have at most 2 decimal places for USD"
   */
  message: string;
}

/**
 * Every error response: RFC 9457 problem details, sent as `application/problem+json`.
 * Branch on `type` (or `status` and `reason`); `title` and `detail` are for people.
 * @example {
 *   "type": "https://ecommerce.example.com/problems/product-not-found",
 *   "title": "Product not found",
 *   "status": 404,
 *   "detail": "product 550e8400-e29b-41d4-a716-446655440000 not found",
 *   "instance": "/products/550e8400-e29b-41d4-a716-446655440000",
 *   "request_id": "3f2b8c1e-6f1a-4c56-9a43-1b5e0f7d2a10",
 *   "code": "NOT_FOUND",
 *   "reason": "PRODUCT_NOT_FOUND"
 * }
 */
export interface ProblemDetails {
  /**
   * Stable URI of the kind of problem: https://ecommerce.example.com/problems/ followed by the
   * kebab-case `reason`, or of the gRPC `code` when there is no reason (the enum lists every one;
   * docs/errors.md says when each happens). New values may be added: treat an unknown one by its
   * `status`.
   */
  type: string;
  /** Short summary of the kind of problem; the same for every occurrence of a `type`. */
  title: string;
  /**
   * The HTTP status code, repeated for convenience.
   * @isInt
   */
  status: number;
  /** Human-readable explanation of this occurrence; names the offending id where there is one. */
  detail: string;
  /** The request path that failed. */
  instance: string;
  /** The request's correlation id (the X-Request-Id header); quote it when reporting a problem. */
  request_id: string;
  /** The gRPC status code name behind the problem, when there is one, e.g. "NOT_FOUND". */
  code?: string;
  /**
   * Machine-readable reason in UPPER_SNAKE_CASE, when there is one, e.g. "PRODUCT_NOT_FOUND".
   * New reasons may be added: treat an unknown one by `status`.
   */
  reason?: string;
  /** For validation problems: every invalid field. */
  errors?: FieldError[];
}
