export { VERSION } from './gen/version.js';
export { EcommerceClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type ClientOptions } from './client.js';
export {
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PreconditionFailedError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  APIInvalidRequestError,
} from './errors.js';
export { APIPromise, type WithResponse } from './api-promise.js';
export { PagePromise, type Page, type PageMethods } from './pagination.js';
export type { Logger, LogLevel } from './logger.js';
export { Products, type ProductPage } from './resources/products.js';
export { Orders, type OrderPage } from './resources/orders.js';
export type { ConditionalRequestOptions, ConditionalWriteOptions, CreateRequestOptions, RequestOptions } from './transport.js';
export type { FetchInit, FetchLike, HeadersLike, ResponseLike } from './fetch.js';
export type {
  Order,
  OrderCreateParams,
  OrderList,
  OrderListParams,
  Problem,
  ProblemCode,
  KnownProblemReason,
  ProblemReason,
  ProblemType,
  Product,
  ProductCreateParams,
  ProductList,
  ProductListParams,
  ProductStock,
  ProductStockSetParams,
  ProductUpdateParams,
} from './types.js';
export type { components, paths } from './gen/schema.js';
