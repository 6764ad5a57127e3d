import { loadShutdownSettings } from '@ecommerce/shutdown';
import { readCompose, type ComposeFile, type ComposeService } from './compose-file.js';
import { COMPOSE_POSTGRES, DEPLOYABLES, type Deployable } from './deployables.js';
import { dockerImage, hasHealthcheck } from './dockerfile-image.js';

/**
 * Checks what makes the compose file run as intended, for every deployable: built from the
 * Dockerfile target of its name with the workspace as context; a restart policy; every variable
 * the app reads, with 0.0.0.0 binds, the pinned ports and upstream addresses naming compose
 * services through `dns:///` (every replica resolved, calls balanced); each service's database a
 * database of its own on the compose PostgreSQL server, whose data is on a declared named volume;
 * the gateway published on its host port and nothing else beyond the host's loopback; no host port
 * on a service that may run several replicas; start order through `condition: service_healthy`, and
 * a healthcheck (compose's, or the image's HEALTHCHECK in `dockerfile`) on every service something
 * waits for.
 * @returns one message per broken invariant; empty when all hold.
 */
export function checkCompose(compose: ComposeFile, dockerfile: string, apps: readonly Deployable[] = DEPLOYABLES): string[] {
  const problems: string[] = [];
  const databaseOwners = new Map<string, string>();
  for (const app of apps) {
    const service = compose.services.get(app.name);
    if (!service) {
      problems.push(`no service "${app.name}"`);
      continue;
    }
    const say = (problem: string) => problems.push(`${app.name}: ${problem}`);
    const env = service.environment;
    if (service.build?.target !== app.name) say(`must build the Dockerfile target "${app.name}" (build.target)`);
    if (!/^\.\/?$/.test(service.build?.context ?? '')) say('build.context must be the workspace root (.)');
    if (!service.restart || service.restart === 'no') say('has no restart policy');
    const stopGraceMs = durationMs(service.raw['stop_grace_period']);
    if (!(stopGraceMs > DRAIN_MS)) {
      say(`stop_grace_period must be longer than the draining stop (${DRAIN_MS / 1000} s: SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS), or compose kills it mid-drain`);
    }
    app.env.filter((name) => !env.has(name)).forEach((name) => say(`environment does not set ${name}`));
    if (env.has(app.hostVar) && env.get(app.hostVar) !== '0.0.0.0') say(`${app.hostVar} must be 0.0.0.0`);
    if (env.has(app.portVar) && env.get(app.portVar) !== String(app.port)) say(`${app.portVar} must be ${app.port}`);
    for (const { addrVar, service: upstream } of app.upstreams) {
      const expected = `dns:///${upstream}:${apps.find((other) => other.name === upstream)?.port}`;
      if (env.has(addrVar) && env.get(addrVar) !== expected) say(`${addrVar} is "${env.get(addrVar)}", must be ${expected} (the compose service)`);
      if (service.dependsOn.get(upstream) !== 'service_healthy') say(`must wait for ${upstream} with depends_on condition: service_healthy`);
    }
    if (app.database) {
      const { service: server, port } = COMPOSE_POSTGRES;
      const database = new RegExp(`^postgres://[^@/]+@${server}:${port}/(\\w+)$`).exec(env.get(app.database.urlVar) ?? '')?.[1];
      if (!database) {
        say(`${app.database.urlVar} must be postgres://<user>:<password>@${server}:${port}/<database> (the compose PostgreSQL)`);
      } else if (databaseOwners.has(database)) {
        say(`shares database "${database}" with ${databaseOwners.get(database)}; each service owns its own`);
      }
      if (database) databaseOwners.set(database, databaseOwners.get(database) ?? app.name);
      if (service.dependsOn.get(server) !== 'service_healthy') say(`must wait for ${server} with depends_on condition: service_healthy`);
    }
    if (app.publishedPort && !service.ports.some((port) => port.published === app.publishedPort && port.target === app.port)) {
      say(`does not publish host port ${app.publishedPort} -> ${app.port}`);
    }
    if (app.publishedPort && service.replicas !== undefined && service.replicas !== '1') {
      say(`runs ${service.replicas} replicas but publishes host port ${app.publishedPort}: a second container would clash on it`);
    }
    if (!app.publishedPort && service.replicas !== undefined && service.ports.some((port) => port.published)) {
      say(`runs ${service.replicas} replicas but publishes a host port: a second container would clash on it`);
    }
  }
  const edges = new Set(apps.filter((app) => app.publishedPort).map((app) => app.name));
  for (const service of [...compose.services.values()].filter(({ name }) => !edges.has(name))) {
    for (const port of service.ports.filter((port) => port.published && port.hostIp !== '127.0.0.1')) {
      problems.push(`${service.name}: publishes ${port.target} beyond the host's loopback (use 127.0.0.1:)`);
    }
  }
  const postgres = compose.services.get(COMPOSE_POSTGRES.service);
  if (apps.some((app) => app.database)) {
    const volume = postgres?.volumes.find((mount) => mount.target === COMPOSE_POSTGRES.dataDir)?.source;
    if (!postgres) problems.push(`no service "${COMPOSE_POSTGRES.service}" (the services' databases)`);
    else if (!volume || !compose.volumes.has(volume)) {
      problems.push(`${COMPOSE_POSTGRES.service}: ${COMPOSE_POSTGRES.dataDir} is not on a declared named volume: the databases would be lost with the container`);
    }
  }
  for (const service of compose.services.values()) {
    for (const [dependency, condition] of service.dependsOn) {
      const target = compose.services.get(dependency);
      if (condition === 'service_healthy' && target && !isHealthChecked(target, dockerfile)) {
        problems.push(`${service.name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck ` +
          '(none in its image target, or disabled in compose)');
      }
    }
  }
  return problems;
}

/** What a service's draining stop may take with the environment the compose file gives it (their defaults). */
const DRAIN_MS = (({ graceMs, timeoutMs }) => graceMs + timeoutMs)(loadShutdownSettings({}));

/** A compose duration ("20s", "1m30s", "500ms") in milliseconds; 10 s (compose's default) when absent, NaN when unreadable. */
function durationMs(value: unknown): number {
  if (value === undefined) return 10_000;
  const parts = [...String(value).matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (!parts.length || parts.map((part) => part[0]).join('') !== String(value)) return Number.NaN;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  return parts.reduce((total, [, amount, name]) => total + Number(amount) * (unit[name ?? ''] ?? Number.NaN), 0);
}

function isHealthChecked(service: ComposeService, dockerfile: string): boolean {
  if (service.healthcheck) return service.healthcheck === 'defined';
  return !!service.build?.target && hasHealthcheck(dockerImage(dockerfile, service.build.target));
}

/**
 * Flags what Debian's docker-compose 1.29 rejects but current Docker Compose accepts, so the file
 * stays valid for both even when the tests run with the newer one: a top-level `name:` or
 * `version:` (obsolete), healthcheck `start_interval`, `develop`, depends_on `restart`/`required`.
 */
export function checkComposeCompatibility(text: string): string[] {
  const { raw, services } = readCompose(text);
  const problems: string[] = [];
  if ('name' in raw) problems.push('top-level name: is not supported by docker-compose 1.29');
  if ('version' in raw) problems.push('top-level version: is obsolete in current Docker Compose; leave it out');
  for (const { name, raw: service } of services.values()) {
    if ('develop' in service) problems.push(`${name}: develop is not supported by docker-compose 1.29`);
    if ('start_interval' in Object(service['healthcheck'])) problems.push(`${name}: healthcheck start_interval is not supported by docker-compose 1.29`);
    const dependsOn = Array.isArray(service['depends_on']) ? {} : Object(service['depends_on']) as Record<string, unknown>;
    for (const [dependency, spec] of Object.entries(dependsOn)) {
      for (const key of ['restart', 'required'].filter((option) => option in Object(spec))) {
        problems.push(`${name}: depends_on.${dependency}.${key} is not supported by docker-compose 1.29`);
      }
    }
  }
  return problems;
}
