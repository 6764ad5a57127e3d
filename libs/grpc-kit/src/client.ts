import {
  Channel,
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type CallOptions,
  type ChannelOptions,
  type Client,
  type ClientUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { DEADLINE_KEY, REPLAYED_KEY, REQUEST_ID_KEY } from './handler.js';

/**
 * Channel settings for long-lived upstream connections: reconnect quickly (200 ms doubling to 2 s
 * instead of grpc-js's 1 s to 120 s) so a restarted upstream is used again within seconds.
 */
export const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2000,
  'grpc.keepalive_time_ms': 30_000,
};

/** One long-lived channel to an upstream; share it between that upstream's clients. */
export function createChannel(address: string): Channel {
  return new Channel(address, credentials.createInsecure(), CHANNEL_OPTIONS);
}

type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

export interface UnaryCallOptions {
  /** Correlation id passed on in metadata. */
  requestId?: string;
  /** Deadline for this call, from now. */
  timeoutMs: number;
}

/** A unary call's answer with the response (initial) metadata the server sent. */
export interface UnaryResult<Res> {
  response: Res;
  metadata: Metadata;
}

/**
 * Calls a unary method with a deadline and the correlation id; rejects with the ServiceError. The
 * deadline also travels as an absolute time (DEADLINE_KEY), so a server that reads the call late
 * still knows when its caller stops waiting.
 */
export function callUnaryWithMetadata<Req, Res>(
  method: UnaryMethod<Req, Res>,
  request: Req,
  options: UnaryCallOptions,
): Promise<UnaryResult<Res>> {
  const metadata = new Metadata();
  if (options.requestId) metadata.set(REQUEST_ID_KEY, options.requestId);
  const deadline = Date.now() + options.timeoutMs;
  metadata.set(DEADLINE_KEY, String(deadline));
  return new Promise((resolve, reject) => {
    let responseMetadata = new Metadata();
    const call = method(request, metadata, { deadline }, (error, response) =>
      error ? reject(error) : resolve({ response, metadata: responseMetadata }));
    call.on('metadata', (received: Metadata) => {
      responseMetadata = received;
    });
  });
}

/** callUnaryWithMetadata, for the response alone. */
export async function callUnary<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, options: UnaryCallOptions): Promise<Res> {
  return (await callUnaryWithMetadata(method, request, options)).response;
}

/** True when the server answered with a stored outcome for an idempotency key (success or error metadata). */
export function isReplayed(metadata: Metadata | undefined): boolean {
  return metadata?.get(REPLAYED_KEY)[0] === 'true';
}

const HealthClient = makeGenericClientConstructor(healthService, 'Health');

interface HealthCheckResponse {
  status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';
}

/** grpc.health.v1 client over an existing channel. */
export function createHealthClient(channel: Channel, address: string): Client {
  return new HealthClient(address, credentials.createInsecure(), { channelOverride: channel });
}

/** True when the upstream reports SERVING for `service` ("" = the whole server) within the deadline. */
export async function isServing(client: Client, service: string, timeoutMs: number): Promise<boolean> {
  const check = (client as unknown as { check: UnaryMethod<{ service: string }, HealthCheckResponse> }).check.bind(client);
  try {
    const response = await callUnary(check, { service }, { timeoutMs });
    return response.status === 'SERVING';
  } catch {
    return false;
  }
}
