import { readCompose, type ComposeFile, type ComposeService } from './compose-file.js';
import { DEPLOYABLES, type Deployable } from './deployables.js';
import { dockerImage, hasHealthcheck } from './dockerfile-image.js';

/**
 * Checks what makes the compose file run as intended, for every deployable: built from the
 * Dockerfile target of its name with the workspace as context; a restart policy; every variable
 * the app reads, with 0.0.0.0 binds, the pinned ports and upstream addresses naming compose
 * services; each database on its own declared named volume at DATA_DIR; the gateway published on
 * its host port, gRPC ports on the host's loopback only; start order through `condition:
 * service_healthy`, and a healthcheck (compose's, or the image's HEALTHCHECK in `dockerfile`) on
 * every service something waits for.
 * @returns one message per broken invariant; empty when all hold.
 */
export function checkCompose(compose: ComposeFile, dockerfile: string, apps: readonly Deployable[] = DEPLOYABLES): string[] {
  const problems: string[] = [];
  const volumeOwners = new Map<string, string>();
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
    app.env.filter((name) => !env.has(name)).forEach((name) => say(`environment does not set ${name}`));
    if (env.has(app.hostVar) && env.get(app.hostVar) !== '0.0.0.0') say(`${app.hostVar} must be 0.0.0.0`);
    if (env.has(app.portVar) && env.get(app.portVar) !== String(app.port)) say(`${app.portVar} must be ${app.port}`);
    for (const { addrVar, service: upstream } of app.upstreams) {
      const expected = `${upstream}:${apps.find((other) => other.name === upstream)?.port}`;
      if (env.has(addrVar) && env.get(addrVar) !== expected) say(`${addrVar} is "${env.get(addrVar)}", must be ${expected} (the compose service)`);
      if (service.dependsOn.get(upstream) !== 'service_healthy') say(`must wait for ${upstream} with depends_on condition: service_healthy`);
    }
    if (app.database) {
      const volume = service.volumes.find((mount) => mount.target === env.get('DATA_DIR'))?.source;
      if (!volume || !compose.volumes.has(volume)) {
        say(`DATA_DIR (${env.get('DATA_DIR')}) is not on a declared named volume: the database would be lost with the container`);
      } else if (volumeOwners.has(volume)) {
        say(`shares volume "${volume}" with ${volumeOwners.get(volume)}; each database gets its own`);
      }
      if (volume) volumeOwners.set(volume, volumeOwners.get(volume) ?? app.name);
    }
    if (app.publishedPort && !service.ports.some((port) => port.published === app.publishedPort && port.target === app.port)) {
      say(`does not publish host port ${app.publishedPort} -> ${app.port}`);
    }
    for (const port of app.publishedPort ? [] : service.ports.filter((port) => port.published && port.hostIp !== '127.0.0.1')) {
      say(`publishes ${port.target} beyond the host's loopback (use 127.0.0.1:)`);
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
