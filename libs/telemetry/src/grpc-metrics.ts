import { Histogram, type Registry } from 'prom-client';
import { DURATION_BUCKETS } from './metrics-registry.js';

type Side = 'server' | 'client';

/**
 * Durations of unary gRPC calls, by service, method and status code, named as
 * go-grpc-prometheus names them: `grpc_server_handling_seconds` (calls a service served) and
 * `grpc_client_handling_seconds` (calls a process made). The histogram's `_count` is the number of
 * calls, so no separate counter is kept.
 */
export class GrpcMetrics {
  private readonly histogram: Histogram<'grpc_service' | 'grpc_method' | 'grpc_code'>;
  // One labelled child per service/method/code: an observation is a map lookup, not a label hash.
  private readonly children = new Map<string, { observe(seconds: number): void }>();

  constructor(registry: Registry, side: Side) {
    this.histogram = new Histogram({
      name: `grpc_${side}_handling_seconds`,
      help: side === 'server'
        ? 'Time the server took to answer a unary gRPC call, by method and status code.'
        : 'Time a unary gRPC call to an upstream took, from start to status, by method and status code.',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_code'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
  }

  /**
   * @param path the method's path, "/ecommerce.product.v1.ProductService/GetProduct"
   * @param code the status code's name, e.g. "OK", "NOT_FOUND"
   */
  observe(path: string, code: string, seconds: number): void {
    const key = `${path} ${code}`;
    let child = this.children.get(key);
    if (!child) {
      const slash = path.lastIndexOf('/');
      child = this.histogram.labels(path.slice(1, slash), path.slice(slash + 1), code);
      this.children.set(key, child);
    }
    child.observe(seconds);
  }
}
