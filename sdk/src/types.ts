import type { paths } from './gen/schema.js';

// Every public data type is read off the generated `paths` (operation by operation), not off
// component names, so the SDK follows the spec's shapes whatever the gateway names its schemas.

type Operation<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put'> = NonNullable<paths[P][M]>;
type Content<R, Media extends string> = R extends { content: { [K in Media]: infer Body } } ? Body : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
type SuccessBody<O> = Content<Responses<O>[Extract<keyof Responses<O>, 200 | 201>], 'application/json'>;
type RequestBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type ErrorBody<O> = Content<Responses<O>[keyof Responses<O>], 'application/problem+json'>;

// Named interfaces over the generated shapes: editors and compile errors print `Product`, not the
// expanded object type. (An interface that only extends adds nothing but its name.)
/* eslint-disable @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type */

/** A product as the gateway returns it; `price` in major units, timestamps as RFC 3339 strings. */
export interface Product extends SuccessBody<Operation<'/products/{id}', 'get'>> {}
/** Body of `products.create`: name, description?, price (major units), currency? ("USD"), stock?. */
export interface ProductCreateParams extends RequestBody<Operation<'/products', 'post'>> {}
/** Query of `products.list`: page_size? (1-100, default 20) and page_token?. */
export interface ProductListParams extends Query<Operation<'/products', 'get'>> {}
/** Body of `products.update`: the members to change (JSON merge patch); `price` with its `currency`; `stock: null` = not tracked. */
export interface ProductUpdateParams extends RequestBody<Operation<'/products/{id}', 'patch'>> {}
/** A product's stock, its own resource: `{ product_id, stock, etag, updated_at }` (`stock` null = not tracked). */
export interface ProductStock extends SuccessBody<Operation<'/products/{id}/stock', 'get'>> {}
/** Body of `products.setStock`: `{ stock }`, 0 or more, or null (not tracked). */
export interface ProductStockSetParams extends RequestBody<Operation<'/products/{id}/stock', 'put'>> {}
/** One page of products as the gateway returns it: `{ products, next_page_token }`. */
export interface ProductList extends Omit<SuccessBody<Operation<'/products', 'get'>>, 'products'> {
  products: Product[];
}

/** An order as the gateway returns it. */
export interface Order extends SuccessBody<Operation<'/orders/{id}', 'get'>> {}
/** Body of `orders.create`: product_id and quantity (1-10000). */
export interface OrderCreateParams extends RequestBody<Operation<'/orders', 'post'>> {}
/** Query of `orders.list`: page_size?, page_token?, and the filters product_id? and status?. */
export interface OrderListParams extends Query<Operation<'/orders', 'get'>> {}
/** One page of orders as the gateway returns it: `{ orders, next_page_token }`. */
export interface OrderList extends Omit<SuccessBody<Operation<'/orders', 'get'>>, 'orders'> {
  orders: Order[];
}

/* eslint-enable @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type */

type GeneratedProblem = ErrorBody<Operation<'/products/{id}', 'get'>>;

/**
 * A reason the platform documents (docs/errors.md), e.g. "PRODUCT_NOT_FOUND". The union stays
 * open (`string & {}`): a server newer than this SDK may send a reason added later, and that must
 * not be a compile error or a crash for your code.
 */
export type ProblemReason = KnownProblemReason | (string & {});
/** The reasons this SDK's spec documents, as a closed union (for exhaustive handling of what you know). */
export type KnownProblemReason = NonNullable<GeneratedProblem['reason']>;
/** A gRPC status code name, e.g. "NOT_FOUND"; open like ProblemReason. */
export type ProblemCode = NonNullable<GeneratedProblem['code']> | (string & {});
/** A problem `type` URI, e.g. "https://ecommerce.example.com/problems/product-not-found"; open like ProblemReason. */
export type ProblemType = GeneratedProblem['type'] | (string & {});

/** RFC 9457 problem body (`application/problem+json`) of every error response. */
export interface Problem extends Omit<GeneratedProblem, 'reason' | 'code' | 'type'> {
  type: ProblemType;
  code?: ProblemCode;
  reason?: ProblemReason;
}
