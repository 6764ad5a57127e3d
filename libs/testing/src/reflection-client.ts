import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials as grpcCredentials, loadPackageDefinition, type ChannelCredentials, type Client, type ClientDuplexStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const require = createRequire(__filename);

interface ReflectionResponse {
  listServicesResponse?: { service: { name: string }[] };
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

type ReflectionClient = Client & { ServerReflectionInfo(): ClientDuplexStream<object, ReflectionResponse> };

/**
 * A gRPC reflection client (grpc.reflection.v1, from the proto @grpc/reflection ships), as grpcurl
 * uses it: asks one question on the bidirectional stream and resolves with the answer.
 */
export function askReflection(
  address: string,
  request: { listServices: string } | { fileContainingSymbol: string },
  channelCredentials: ChannelCredentials = grpcCredentials.createInsecure(),
  timeoutMs = 5000,
): Promise<ReflectionResponse> {
  const protoDir = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const definition = loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [protoDir] });
  const { ServerReflection } = (loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: new (address: string, credentials: ChannelCredentials) => ReflectionClient } } };
  }).grpc.reflection.v1;
  const client = new ServerReflection(address, channelCredentials);
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo();
    const timer = setTimeout(() => stream.cancel(), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      client.close();
    };
    stream.once('data', (response: ReflectionResponse) => {
      done();
      stream.cancel();
      resolve(response);
    });
    stream.once('error', (error: Error) => {
      done();
      reject(error);
    });
    stream.write(request);
  });
}

/** The service names a server lists by reflection (ListServices), sorted. */
export async function listServicesByReflection(address: string, channelCredentials?: ChannelCredentials): Promise<string[]> {
  const response = await askReflection(address, { listServices: '*' }, channelCredentials);
  return (response.listServicesResponse?.service ?? []).map((service) => service.name).sort();
}
