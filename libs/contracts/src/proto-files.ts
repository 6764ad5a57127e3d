import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

/** Every file of the contract tree, relative to its root. */
export const PROTO_FILES = ['ecommerce/product/v1/product.proto', 'ecommerce/order/v1/order.proto', 'ecommerce/rpc/v1/error_details.proto'];

/**
 * The folder holding the contract tree: `proto/` beside a built bundle (tools/build-app.mjs copies
 * the tree into dist/apps/<service>/proto, and the images ship that folder), else the workspace's
 * own `proto/` (running from source, tests).
 */
export function protoRoot(): string {
  // __dirname: dist/apps/<service> in a bundle, libs/contracts/src from source.
  const candidates = [join(__dirname, 'proto'), join(__dirname, '..', '..', '..', 'proto')];
  const found = candidates.find((dir) => existsSync(join(dir, PROTO_FILES[0] as string)));
  if (!found) throw new Error(`the .proto files are missing: looked in ${candidates.join(', ')}`);
  return found;
}

/**
 * The contract tree and grpc.health.v1 (from grpc-health-check's own copy) as a proto-loader
 * package definition: what gRPC reflection describes. Field names are kept as the protos write
 * them (`amount_minor`), so reflection clients see the contract's names and JSON names.
 */
export function loadProtoDefinition(): PackageDefinition {
  const healthRoot = join(dirname(require.resolve('grpc-health-check/package.json')), 'proto');
  return loadSync([...PROTO_FILES, 'health/v1/health.proto'], { includeDirs: [protoRoot(), healthRoot], keepCase: true });
}
