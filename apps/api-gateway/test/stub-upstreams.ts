import { Server, ServerCredentials, type Metadata, type ServerErrorResponse, type status } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { OrderServiceService, ProductServiceService, type GetProductResponse, type Product } from '@ecommerce/contracts';
import { errorDetailsMetadata, type FieldViolation } from '@ecommerce/grpc-kit';

/** How the stub answers GetProduct for one id. */
export type StubAnswer =
  | { fail: status; message: string; reason?: string; violations?: FieldViolation[]; bare?: boolean }
  | { product: Product; delayMs?: number }
  | { throws: string }
  | { hangMs: number };

export interface StubCall {
  /** The RPC, e.g. "getProduct" or "createOrder". */
  method: string;
  /** GetProduct's id ("" for other methods). */
  id: string;
  requestId: string | undefined;
  /** Milliseconds between receiving the call and its deadline. */
  deadlineInMs: number;
}

export interface StubProductService {
  address: string;
  /** Every call received, whatever its method, in order. */
  calls: StubCall[];
  stop(): Promise<void>;
}

/** A valid product message, for answers that succeed. */
export function stubProduct(id: string): Product {
  const at = new Date('2025-01-15T09:30:00.000Z');
  const price = { amountMinor: '19999', currency: 'USD' };
  return { id, name: 'Stub', description: '', price, createTime: at, updateTime: at, etag: '"1"' };
}

interface StubServerCall { request: { id?: string }; metadata: Metadata; getDeadline(): Date | number }

/**
 * A real grpc-js server on 127.0.0.1 (free port) serving ProductService, OrderService and
 * grpc.health.v1 (SERVING), recording every call. GetProduct answers according to `answers[id]`:
 * a status with an ErrorDetails trailer built by errorDetailsMetadata (the services' wire format),
 * a bare status (`bare`, as grpc-js itself produces), a product, a thrown error, or no answer for
 * a while. Every other method answers UNIMPLEMENTED: a test that expects the gateway to refuse a
 * request by itself checks that `calls` stays empty.
 */
export async function startStubProductService(answers: Record<string, StubAnswer> = {}): Promise<StubProductService> {
  const calls: StubCall[] = [];
  const server = new Server();
  const record = (method: string, call: StubServerCall) => {
    const requestId = call.metadata.get('x-request-id')[0];
    const deadlineInMs = Number(call.getDeadline()) - Date.now();
    calls.push({ method, id: call.request.id ?? '', requestId: typeof requestId === 'string' ? requestId : undefined, deadlineInMs });
  };
  const unimplemented = (method: string) => (call: StubServerCall, callback: (error: ServerErrorResponse) => void) => {
    record(method, call);
    callback({ name: 'Error', message: 'not in the stub', code: 12 });
  };
  new HealthImplementation({ '': 'SERVING', 'ecommerce.product.v1.ProductService': 'SERVING', 'ecommerce.order.v1.OrderService': 'SERVING' })
    .addToServer(server);
  server.addService(OrderServiceService, {
    createOrder: unimplemented('createOrder'),
    getOrder: unimplemented('getOrder'),
    listOrders: unimplemented('listOrders'),
    cancelOrder: unimplemented('cancelOrder'),
  });
  server.addService(ProductServiceService, {
    createProduct: unimplemented('createProduct'),
    listProducts: unimplemented('listProducts'),
    updateProduct: unimplemented('updateProduct'),
    deleteProduct: unimplemented('deleteProduct'),
    getStock: unimplemented('getStock'),
    setStock: unimplemented('setStock'),
    reserveStock: unimplemented('reserveStock'),
    releaseStock: unimplemented('releaseStock'),
    getProduct(call: StubServerCall & { request: { id: string } },
      callback: (error: ServerErrorResponse | null, response?: GetProductResponse) => void) {
      const { id } = call.request;
      record('getProduct', call);
      const answer = answers[id];
      const reply = (product: Product, delayMs: number) => void setTimeout(() => callback(null, { product }), delayMs);
      if (!answer) return callback({ name: 'Error', message: `no stub answer for ${id}`, code: 5 });
      if ('throws' in answer) return callback(new Error(answer.throws));
      if ('hangMs' in answer) return reply(stubProduct(id), answer.hangMs);
      if ('product' in answer) return reply(answer.product, answer.delayMs ?? 0);
      const metadata = answer.bare ? undefined : errorDetailsMetadata({
        reason: answer.reason ?? '', domain: 'stub-product-service', metadata: {}, fieldViolations: answer.violations ?? [],
      });
      const { message, fail: code } = answer;
      return callback({ name: 'Error', message, code, details: message, ...(metadata && { metadata }) });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    address: `127.0.0.1:${port}`,
    calls,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
