import type { ServiceDefinition } from '@grpc/grpc-js';
import { configureTextEncoding, getTextEncoding } from '@bufbuild/protobuf/wire';

/** What a request that could not be decoded becomes, so the handler wrapper can answer it (not grpc-js: INTERNAL). */
export class UndecodableRequest {
  constructor(readonly message: string) {}
}

let installed = false;

/**
 * Makes the protobuf runtime decode every string strictly: proto3 strings are UTF-8, and invalid
 * bytes must be refused, not turned into U+FFFD and stored. ts-proto's generated readers call the
 * runtime's lenient decoder; `configureTextEncoding` (deprecated upstream in favour of a global
 * TextDecoder, which cannot make that lenient path fatal) swaps it for a fatal one.
 */
export function useStrictUtf8(): void {
  if (installed) return;
  installed = true;
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  configureTextEncoding({ ...getTextEncoding(), decodeUtf8: (bytes: Uint8Array) => strict.decode(bytes) });
}

/** The service definition with each request decoder catching its failure as an UndecodableRequest. */
export function withUndecodableRequests(definition: ServiceDefinition): ServiceDefinition {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    wrapped[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          return new UndecodableRequest(error instanceof Error ? error.message : String(error));
        }
      },
    };
  }
  return wrapped as ServiceDefinition;
}
