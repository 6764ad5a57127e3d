import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** A compose service as written, compose's short and long syntaxes read alike. */
export interface ComposeService {
  name: string;
  build?: { context?: string; target?: string };
  /** Values as written (`${VAR:-default}` not interpolated); undefined for a bare `- NAME`. */
  environment: Map<string, string | undefined>;
  ports: { hostIp?: string; published?: number; target: number }[];
  /** `source`: a volume name or a short-syntax host path; undefined for anonymous, long bind, tmpfs. */
  volumes: { source?: string; target: string }[];
  /** Service name -> condition (service_started for the list form). */
  dependsOn: Map<string, string>;
  restart?: string;
  /** `deploy.replicas` as written: undefined when absent (one container), else a number or a `${VAR:-n}`. */
  replicas?: string;
  /** Compose's own healthcheck: undefined when absent, "disabled" for `disable: true` / NONE. */
  healthcheck?: 'defined' | 'disabled';
  raw: Json;
}

/** A compose file: its top-level document, services by name and declared named volumes. */
export interface ComposeFile {
  raw: Json;
  services: Map<string, ComposeService>;
  volumes: Set<string>;
}

/**
 * Reads a compose file as its author wrote it, with `<<: *anchor` merge keys applied, so the checks
 * judge the file itself rather than one compose CLI's normalised rendering of it.
 */
export function readCompose(text: string): ComposeFile {
  const raw = object(parse(text, { merge: true }));
  const services = Object.entries(object(raw['services'])).map(([name, value]) => readService(name, object(value)));
  return { raw, services: new Map(services.map((service) => [service.name, service])), volumes: new Set(Object.keys(object(raw['volumes']))) };
}

function readService(name: string, raw: Json): ComposeService {
  const { build, environment, depends_on: dependsOn, restart } = raw;
  const test = ([] as unknown[]).concat(object(raw['healthcheck'])['test'] ?? []).map(String);
  return {
    name,
    raw,
    build: typeof build === 'string' ? { context: build } : build == null ? undefined : object(build),
    environment: new Map(Array.isArray(environment)
      ? environment.map((item) => String(item).split(/=(.*)/s)).map(([key = '', value]) => [key, value])
      : Object.entries(object(environment)).map(([key, value]) => [key, value == null ? undefined : String(value)])),
    ports: list(raw['ports']).map((port) => {
      if (port !== null && typeof port === 'object') {
        const { host_ip: hostIp, published, target } = port as Json;
        return { hostIp: hostIp as string | undefined, published: published == null ? undefined : Number(published), target: Number(target) };
      }
      const parts = String(port).replace(/\/\w+$/, '').split(':'); // [host_ip:][published:]target[/protocol]
      const target = Number(parts.pop());
      const published = parts.length ? Number(parts.pop()) : undefined;
      return { hostIp: parts.length ? parts.join(':') : undefined, published, target };
    }),
    volumes: list(raw['volumes']).map((volume) => {
      if (volume !== null && typeof volume === 'object') {
        const { type, source, target } = volume as Json;
        return { source: type === 'volume' ? source as string : undefined, target: String(target) };
      }
      const [source, target] = String(volume).split(':');
      return target === undefined ? { target: source ?? '' } : { source, target };
    }),
    dependsOn: new Map(Array.isArray(dependsOn)
      ? dependsOn.map((service) => [String(service), 'service_started'])
      : Object.entries(object(dependsOn)).map(([service, spec]) => [service, String(object(spec)['condition'] ?? 'service_started')])),
    restart: typeof restart === 'string' ? restart : undefined,
    replicas: object(raw['deploy'])['replicas'] == null ? undefined : String(object(raw['deploy'])['replicas']),
    healthcheck: raw['healthcheck'] == null ? undefined
      : object(raw['healthcheck'])['disable'] === true || test[0] === 'NONE' ? 'disabled' : test.length ? 'defined' : undefined,
  };
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
