import {
  Channel,
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type CallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type Client,
  type ClientUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { TRACEPARENT, formatTraceparent, type TraceContext } from '@ecommerce/telemetry';
import { DEADLINE_KEY, REPLAYED_KEY, REQUEST_ID_KEY } from './handler.js';

/**
 * The calls that are safe to send again: reads, ReserveStock/ReleaseStock (one reservation per
 * order id) and CancelOrder (a cancelled order stays cancelled). grpc-js retries them on
 * UNAVAILABLE (a server draining or restarting, a connection lost) by its own retry policy,
 * within the call's deadline. Writes without that property are never retried here: a keyed one is
 * the client's to retry with its Idempotency-Key.
 */
export const RETRIED_METHODS = {
  'ecommerce.product.v1.ProductService': ['GetProduct', 'ListProducts', 'GetStock', 'ReserveStock', 'ReleaseStock'],
  'ecommerce.order.v1.OrderService': ['GetOrder', 'ListOrders', 'CancelOrder'],
} as const;

const METHOD_CONFIG = {
  methodConfig: [{
    name: Object.entries(RETRIED_METHODS).flatMap(([service, methods]) => methods.map((method) => ({ service, method }))),
    retryPolicy: {
      maxAttempts: 3,
      initialBackoff: '0.05s',
      maxBackoff: '0.5s',
      backoffMultiplier: 2,
      retryableStatusCodes: ['UNAVAILABLE'],
    },
  }],
};

/**
 * Replicas: every address the target resolves to is used in turn (round_robin) when the target
 * names several (`ipv4:10.0.0.1:50051,10.0.0.2:50051`) or is a DNS name that may (`dns:///product-service:50051`,
 * e.g. a headless Service); a replica that goes away drops out of the rotation when its connection
 * fails. A single `host:port` keeps grpc-js's pick_first, which waits for a restarted upstream to
 * reconnect rather than failing calls during the reconnect backoff.
 */
function serviceConfig(address: string): string {
  const replicas = /^dns:/.test(address) || (/^ipv[46]:/.test(address) && address.includes(','));
  return JSON.stringify(replicas ? { loadBalancingConfig: [{ round_robin: {} }], ...METHOD_CONFIG } : METHOD_CONFIG);
}

/**
 * Channel settings for long-lived upstream connections (createChannel adds the service config:
 * the retry policy above, round_robin for several replicas): reconnect quickly (200 ms doubling to 2 s
 * instead of grpc-js's 1 s to 120 s) so a restarted upstream is used again within seconds; the
 * keepalive pings every 30 s so a dead peer is noticed.
 */
export const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2000,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.enable_retries': 1,
};

/**
 * One long-lived channel to an upstream; share it between that upstream's clients.
 * @param [channelCredentials=insecure] TLS (optionally with a client certificate): see clientCredentials()
 */
export function createChannel(address: string, channelCredentials: ChannelCredentials = credentials.createInsecure()): Channel {
  return new Channel(address, channelCredentials, { ...CHANNEL_OPTIONS, 'grpc.service_config': serviceConfig(address) });
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
  /** The caller's span: sent as `traceparent`, so the upstream's work joins the caller's trace. */
  trace?: TraceContext | undefined;
  /** More request metadata to send, e.g. the caller's idempotency scope; undefined values are left out. */
  metadata?: Record<string, string | undefined> | undefined;
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
  for (const [key, value] of Object.entries(options.metadata ?? {})) if (value !== undefined) metadata.set(key, value);
  if (options.requestId) metadata.set(REQUEST_ID_KEY, options.requestId);
  if (options.trace) metadata.set(TRACEPARENT, formatTraceparent(options.trace));
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
