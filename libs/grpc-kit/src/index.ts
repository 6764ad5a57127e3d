export { RpcError, notFound, validationError, type FieldViolation } from './rpc-error.js';
export { ERROR_DETAILS_KEY, decodeServiceError, errorDetailsMetadata, type DecodedError } from './error-details.js';
export {
  CallerGoneError, DEADLINE_KEY, IDEMPOTENCY_SCOPE_KEY, REPLAYED_KEY, REQUEST_ID_KEY, createCallContext, ensureActive, ensureStillWaiting, implement, remainingMs,
  type AsyncService, type CallContext, type UnaryHandler,
} from './handler.js';
export { maxConnectionAgeMs, startGrpcServer, type RunningServer, type ServiceRegistration, type StartOptions } from './server.js';
export {
  CHANNEL_OPTIONS, callUnary, callUnaryWithMetadata, createChannel, createHealthClient, isReplayed, isServing,
  type UnaryCallOptions, type UnaryResult,
} from './client.js';
export { instrumentClient } from './client-telemetry.js';
export { clientCredentials, serverCredentials, type TlsMode } from './tls.js';
export { parseOrThrow, requireUuid, toViolations } from './validation.js';
