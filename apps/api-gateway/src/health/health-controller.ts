import { Controller, Get, NoSecurity, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { HealthStatus, LivenessStatus, ReadinessStatus } from './health-models.js';
import { RETRY_AFTER_UNAVAILABLE_S } from '../errors/error-handler.js';
import type { ReadinessCheck } from './readiness.js';

/** Probes for orchestrators and load balancers: no API key, no rate limit. */
@Route('')
@Tags('Health')
@NoSecurity()
export class HealthController extends Controller {
  constructor(private readonly readiness: ReadinessCheck) {
    super();
  }

  /**
   * Liveness: 200 while the gateway process can answer at all. Does not look at upstream services.
   * @summary Liveness probe
   */
  @Get('healthz')
  @SuccessResponse(200, 'The gateway is alive.')
  healthz(): LivenessStatus {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 when product-service and order-service both report SERVING on grpc.health.v1,
   * otherwise 503 naming the one that does not.
   * @summary Readiness probe
   */
  @Get('readyz')
  @SuccessResponse(200, 'Every upstream service is SERVING.')
  @Response<ReadinessStatus>(503, 'At least one upstream service is not SERVING.', {
    status: 'not_ready', services: { 'product-service': 'NOT_SERVING', 'order-service': 'SERVING' },
  })
  async readyz(): Promise<ReadinessStatus> {
    const readiness = await this.readiness.check();
    if (readiness.status !== 'ready') this.notReady();
    return readiness;
  }

  /**
   * The original gateway's health check, kept for existing clients: "healthy" (200) when ready,
   * "unhealthy" (503) otherwise.
   * @summary Health (compatibility)
   */
  @Get('health')
  @SuccessResponse(200, 'The gateway is ready.')
  @Response<HealthStatus>(503, 'The gateway is not ready.', { status: 'unhealthy', service: 'api-gateway' })
  async health(): Promise<HealthStatus> {
    const readiness = await this.readiness.check();
    if (readiness.status === 'ready') return { status: 'healthy', service: 'api-gateway' };
    this.notReady();
    return { status: 'unhealthy', service: 'api-gateway' };
  }

  /** 503, and when to look again. */
  private notReady(): void {
    this.setStatus(503);
    this.setHeader('Retry-After', String(RETRY_AFTER_UNAVAILABLE_S));
  }
}
