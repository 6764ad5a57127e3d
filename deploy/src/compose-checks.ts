import { resolve } from 'node:path';
import { parse } from 'yaml';
import { composeServices, declaredVolumes, type ComposeService } from './compose-model.js';
import { DEPLOYABLES, type Deployable } from './deployables.js';
import { imageModel } from './dockerfile-image.js';
import { findStage, parseDockerfile } from './dockerfile-parser.js';

export interface ComposeCheckInput {
  /** Parsed output of `docker-compose config` (interpolated and normalised). */
  config: unknown;
  /** Text of the Dockerfile the services are built from, for the images' HEALTHCHECKs. */
  dockerfile: string;
  /** Folder the build contexts must resolve to (the workspace root). */
  projectDirectory: string;
}

/**
 * Checks what makes the compose file runnable as it is, for every deployable: built from the
 * Dockerfile target of its name; a restart policy; every variable of the README's table, with
 * 0.0.0.0 binds, the pinned ports and upstream addresses naming compose services; each database on
 * its own named volume at DATA_DIR; the gateway published on its host port; start order through
 * `condition: service_healthy`, and a healthcheck (compose's, or the image's HEALTHCHECK) on every
 * service something waits for.
 * @returns one message per broken invariant; empty when all hold.
 */
export function checkCompose(input: ComposeCheckInput, apps: readonly Deployable[] = DEPLOYABLES): string[] {
  const services = new Map(composeServices(input.config).map((service) => [service.name, service]));
  const volumes = declaredVolumes(input.config);
  const problems: string[] = [];
  const volumeOwners = new Map<string, string>();
  for (const app of apps) {
    const service = services.get(app.name);
    if (!service) {
      problems.push(`no service "${app.name}"`);
      continue;
    }
    const say = (problem: string) => problems.push(`${app.name}: ${problem}`);
    if (service.build?.target !== app.name) say(`must build the Dockerfile target "${app.name}" (build.target)`);
    if (service.build?.context && resolve(input.projectDirectory, service.build.context) !== resolve(input.projectDirectory)) {
      say('build.context must be the workspace root');
    }
    if (!service.restart || service.restart === 'no') say('has no restart policy');
    checkEnvironment(service, app, apps).forEach(say);
    if (app.database) {
      const dataDir = service.environment.get('DATA_DIR');
      const mount = service.volumes.find((volume) => volume.target === dataDir);
      if (!mount || mount.type !== 'volume' || !mount.source || !volumes.has(mount.source)) {
        say(`DATA_DIR (${dataDir}) is not on a declared named volume: the database would be lost with the container`);
      } else if (volumeOwners.has(mount.source)) {
        say(`shares volume "${mount.source}" with ${volumeOwners.get(mount.source)}; each database gets its own`);
      } else {
        volumeOwners.set(mount.source, app.name);
      }
    }
    if (app.publishedPort && !service.ports.some((port) => port.published === app.publishedPort && port.target === app.port)) {
      say(`does not publish host port ${app.publishedPort} -> ${app.port}`);
    }
    for (const upstream of app.upstreams) {
      if (service.dependsOn.get(upstream.service) !== 'service_healthy') {
        say(`must wait for ${upstream.service} with depends_on condition: service_healthy`);
      }
    }
  }
  for (const service of services.values()) {
    for (const [dependency, condition] of service.dependsOn) {
      const target = services.get(dependency);
      if (condition === 'service_healthy' && target && !hasHealthcheck(target, input.dockerfile)) {
        problems.push(`${service.name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck ` +
          '(none in its image target, or disabled in compose)');
      }
    }
  }
  return problems;
}

function checkEnvironment(service: ComposeService, app: Deployable, apps: readonly Deployable[]): string[] {
  const env = service.environment;
  const problems = app.env.filter((name) => !env.has(name)).map((name) => `environment does not set ${name}`);
  if (env.has(app.hostVar) && env.get(app.hostVar) !== '0.0.0.0') problems.push(`${app.hostVar} must be 0.0.0.0`);
  if (env.has(app.portVar) && env.get(app.portVar) !== String(app.port)) problems.push(`${app.portVar} must be ${app.port}`);
  for (const upstream of app.upstreams) {
    const port = apps.find((other) => other.name === upstream.service)?.port;
    const expected = `${upstream.service}:${port}`;
    if (env.has(upstream.addrVar) && env.get(upstream.addrVar) !== expected) {
      problems.push(`${upstream.addrVar} is "${env.get(upstream.addrVar)}", must be ${expected} (the compose service)`);
    }
  }
  return problems;
}

function hasHealthcheck(service: ComposeService, dockerfile: string): boolean {
  if (service.healthcheck === 'defined') return true;
  if (service.healthcheck === 'disabled' || !service.build?.target) return false;
  const stages = parseDockerfile(dockerfile);
  const stage = findStage(stages, service.build.target);
  const check = stage && imageModel(stages, stage).healthcheck;
  return !!check && !/^NONE\b/i.test(check.value);
}

/**
 * Flags what Debian's docker-compose 1.29 rejects but current Docker Compose accepts, so the file
 * stays valid for both even when the tests run with the newer one: a top-level `name:` or
 * `version:` (obsolete), healthcheck `start_interval`, `develop`, depends_on `restart`/`required`.
 */
export function checkComposeCompatibility(text: string): string[] {
  const doc = parse(text, { merge: true }) as Record<string, unknown>;
  const problems: string[] = [];
  if ('name' in doc) problems.push('top-level name: is not supported by docker-compose 1.29');
  if ('version' in doc) problems.push('top-level version: is obsolete in current Docker Compose; leave it out');
  const services = (doc['services'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, service] of Object.entries(services)) {
    if ('develop' in service) problems.push(`${name}: develop is not supported by docker-compose 1.29`);
    const health = service['healthcheck'] as Record<string, unknown> | undefined;
    if (health && 'start_interval' in health) problems.push(`${name}: healthcheck start_interval is not supported by docker-compose 1.29`);
    const dependsOn = service['depends_on'];
    if (dependsOn && !Array.isArray(dependsOn)) {
      for (const [dependency, spec] of Object.entries(dependsOn as Record<string, Record<string, unknown>>)) {
        for (const key of ['restart', 'required']) {
          if (spec && key in spec) problems.push(`${name}: depends_on.${dependency}.${key} is not supported by docker-compose 1.29`);
        }
      }
    }
  }
  return problems;
}
