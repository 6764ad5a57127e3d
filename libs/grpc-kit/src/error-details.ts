import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { ErrorDetails } from '@ecommerce/contracts';
import type { FieldViolation } from './rpc-error.js';

/** Trailing-metadata key that carries the serialized ecommerce.rpc.v1.ErrorDetails. */
export const ERROR_DETAILS_KEY = 'ecommerce-error-details-bin';

/** What a caller can learn from a failed call: code, message and the structured details. */
export interface DecodedError {
  code: status;
  message: string;
  reason: string | undefined;
  domain: string | undefined;
  fieldViolations: FieldViolation[];
  metadata: Record<string, string>;
}

/** Serializes error details into trailing metadata. */
export function errorDetailsMetadata(details: ErrorDetails): Metadata {
  const metadata = new Metadata();
  metadata.set(ERROR_DETAILS_KEY, Buffer.from(ErrorDetails.encode(details).finish()));
  return metadata;
}

/** Reads code, message and details from a failed call's error (details absent -> empty). */
export function decodeServiceError(error: Partial<ServiceError> | StatusObject): DecodedError {
  const code = typeof error.code === 'number' ? error.code : status.UNKNOWN;
  const message = 'details' in error && typeof error.details === 'string' ? error.details : '';
  const raw = error.metadata?.get(ERROR_DETAILS_KEY)[0];
  let details: ErrorDetails | undefined;
  if (Buffer.isBuffer(raw)) {
    try {
      details = ErrorDetails.decode(raw);
    } catch {
      details = undefined;
    }
  }
  return {
    code,
    message,
    reason: details?.reason || undefined,
    domain: details?.domain || undefined,
    fieldViolations: details?.fieldViolations ?? [],
    metadata: details?.metadata ?? {},
  };
}
