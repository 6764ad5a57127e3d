// Failures of gRPC calls and handlers, asserted (part of `@ecommerce/grpc-kit/test`).
import assert from 'node:assert/strict';
import type { ServiceError } from '@grpc/grpc-js';
import { rejection } from '@ecommerce/testing';
import { RpcError, decodeServiceError, type DecodedError } from '../src/index.js';

/** A call over real gRPC that must fail: its status code, message, reason and details. */
export async function grpcFailure(call: Promise<unknown>): Promise<DecodedError> {
  const error = await rejection(call);
  assert.ok(error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number', `not a gRPC error: ${String(error)}`);
  return decodeServiceError(error as ServiceError);
}

/** A handler called in process that must fail with an RpcError (what the server turns into a status). */
export async function rpcFailure(call: Promise<unknown>): Promise<RpcError> {
  const error = await rejection(call);
  assert.ok(error instanceof RpcError, `not an RpcError: ${error instanceof Error ? error.stack : String(error)}`);
  return error;
}
