// How the REST contract (the committed OpenAPI spec's schemas) maps onto the gRPC contract
// (proto/), checked by rest-proto-parity.spec.ts. A field maps to the proto field of its own name
// unless `fields` says otherwise; "a.b" is field b of message field a.

/** A REST schema and the proto message its fields come from (or go to). */
export interface SchemaMapping {
  message: string;
  /** REST field -> proto field path, where the names differ. */
  fields?: Record<string, string>;
}

const PRICE = { price: 'price.amount_minor', currency: 'price.currency' };

/** Object schemas. */
export const SCHEMA_MESSAGES: Record<string, SchemaMapping> = {
  Product: { message: 'ecommerce.product.v1.Product', fields: { ...PRICE, created_at: 'create_time', updated_at: 'update_time' } },
  CreateProductRequest: { message: 'ecommerce.product.v1.CreateProductRequest', fields: PRICE },
  // A merge patch sets the masked fields of UpdateProductRequest.product.
  UpdateProductRequest: { message: 'ecommerce.product.v1.Product', fields: PRICE },
  ProductList: { message: 'ecommerce.product.v1.ListProductsResponse' },
  ProductStock: { message: 'ecommerce.product.v1.Stock', fields: { updated_at: 'update_time' } },
  SetStockRequest: { message: 'ecommerce.product.v1.SetStockRequest' },
  Order: {
    message: 'ecommerce.order.v1.Order',
    // Both prices share one currency (the product's): REST shows it once.
    fields: { unit_price: 'unit_price.amount_minor', total_price: 'total_price.amount_minor', currency: 'total_price.currency', created_at: 'create_time' },
  },
  CreateOrderRequest: { message: 'ecommerce.order.v1.CreateOrderRequest' },
  OrderList: { message: 'ecommerce.order.v1.ListOrdersResponse' },
  ProblemDetails: { message: 'ecommerce.rpc.v1.ErrorDetails', fields: { errors: 'field_violations' } },
  FieldError: { message: 'ecommerce.rpc.v1.FieldViolation', fields: { message: 'description' } },
};

/** Scalar schemas (query and header parameters) -> the request field they become. */
export const SCHEMA_FIELDS: Record<string, string> = {
  PageSize: 'ecommerce.product.v1.ListProductsRequest.page_size',
  PageToken: 'ecommerce.product.v1.ListProductsRequest.page_token',
  ProductIdFilter: 'ecommerce.order.v1.ListOrdersRequest.product_id',
  IdempotencyKey: 'ecommerce.product.v1.CreateProductRequest.request_id',
};

/** Enum schemas -> the proto enum and the prefix REST drops (buf STANDARD lint: ORDER_STATUS_CONFIRMED -> CONFIRMED). */
export const SCHEMA_ENUMS: Record<string, { enum: string; prefix: string }> = {
  OrderStatus: { enum: 'ecommerce.order.v1.OrderStatus', prefix: 'ORDER_STATUS_' },
};

const PROBLEM_ENVELOPE = 'RFC 9457 envelope: the gateway derives it from the gRPC status code and the request (docs/errors.md)';
const PROBE = "the gateway's own health probes; readiness summarises each service's grpc.health.v1, which is not in this contract tree";

/** Schemas ("Name") or fields ("Name.field") with no proto counterpart, and why. Keep it short. */
export const REST_ONLY: Record<string, string> = {
  'ProblemDetails.type': PROBLEM_ENVELOPE,
  'ProblemDetails.title': PROBLEM_ENVELOPE,
  'ProblemDetails.status': PROBLEM_ENVELOPE,
  'ProblemDetails.detail': PROBLEM_ENVELOPE,
  'ProblemDetails.instance': PROBLEM_ENVELOPE,
  'ProblemDetails.request_id': 'the correlation id travels in gRPC metadata x-request-id, never in a message (docs/conventions.md)',
  'ProblemDetails.code': PROBLEM_ENVELOPE,
  LivenessStatus: PROBE,
  ReadinessStatus: PROBE,
  UpstreamStatuses: PROBE,
  ServingStatus: PROBE,
  HealthStatus: PROBE,
};
