// Test support for gRPC: `@ecommerce/grpc-kit/test`, for tests only (lint fences it off).
export { grpcFailure, rpcFailure } from './failures.js';
export {
  RawCaller, anyInt32, anyInt64, contractBreach, hostileCalls, hostileEtags, hostileId, hostileMetadata, hostileText,
  lengthDelimited, sendHostileCalls, varintField,
  type CallOutcome, type HostileCall, type MethodCases,
} from './hostile-calls.js';
