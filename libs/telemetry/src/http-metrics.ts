import { Histogram, type Registry } from 'prom-client';
import { DURATION_BUCKETS } from './metrics-registry.js';

/**
 * `http_server_request_duration_seconds`: HTTP requests served, by method, route template
 * ("/products/{id}", never the raw path, so that ids do not become series) and status code.
 */
export class HttpMetrics {
  private readonly histogram: Histogram<'method' | 'route' | 'status_code'>;
  private readonly children = new Map<string, { observe(seconds: number): void }>();

  constructor(registry: Registry) {
    this.histogram = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Time from a request\'s arrival to its response\'s end, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${route} ${statusCode}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.histogram.labels(method, route, String(statusCode));
      this.children.set(key, child);
    }
    child.observe(seconds);
  }
}
