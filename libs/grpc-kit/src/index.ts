export { RpcError, notFound, validationError, type FieldViolation } from './rpc-error.js';
export { ERROR_DETAILS_KEY, decodeServiceError, errorDetailsMetadata, type DecodedError } from './error-details.js';
export { REQUEST_ID_KEY, createCallContext, implement, remainingMs, type AsyncService, type CallContext, type UnaryHandler } from './handler.js';
export { startGrpcServer, type RunningServer, type ServiceRegistration, type StartOptions } from './server.js';
export { CHANNEL_OPTIONS, callUnary, createChannel, createHealthClient, isServing, type UnaryCallOptions } from './client.js';
export { parseOrThrow, requireUuid, toViolations } from './validation.js';
