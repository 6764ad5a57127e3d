/**
 * Readers for the output of `docker-compose config`, which docker-compose 1.29 and current Docker
 * Compose normalise differently (short "a:b" strings in one, long objects in the other).
 */

export type Json = Record<string, unknown>;

export interface ComposeService {
  name: string;
  build: { context?: string; dockerfile?: string; target?: string } | undefined;
  environment: Map<string, string | undefined>;
  ports: { published: number | undefined; target: number; hostIp: string | undefined }[];
  volumes: { type: 'volume' | 'bind' | 'other'; source: string | undefined; target: string }[];
  dependsOn: Map<string, string>;
  restart: string | undefined;
  /** Compose-level healthcheck: undefined when absent, "disabled" for disable/NONE. */
  healthcheck: 'defined' | 'disabled' | undefined;
}

export function composeServices(config: unknown): ComposeService[] {
  const services = asObject(asObject(config)['services']);
  return Object.entries(services).map(([name, raw]) => {
    const service = asObject(raw);
    const build = service['build'];
    return {
      name,
      build: typeof build === 'string' ? { context: build } : build === undefined ? undefined : asObject(build) as ComposeService['build'],
      environment: environment(service['environment']),
      ports: asArray(service['ports']).map(port),
      volumes: asArray(service['volumes']).map(volume),
      dependsOn: dependsOn(service['depends_on']),
      restart: typeof service['restart'] === 'string' ? service['restart'] : undefined,
      healthcheck: healthcheck(service['healthcheck']),
    };
  });
}

export function declaredVolumes(config: unknown): Set<string> {
  return new Set(Object.keys(asObject(asObject(config)['volumes'])));
}

function environment(raw: unknown): Map<string, string | undefined> {
  if (Array.isArray(raw)) {
    return new Map(raw.map((item) => {
      const [key = '', ...value] = String(item).split('=');
      return [key, value.length ? value.join('=') : undefined];
    }));
  }
  return new Map(Object.entries(asObject(raw)).map(([key, value]) => [key, value == null ? undefined : String(value)]));
}

function port(raw: unknown): ComposeService['ports'][number] {
  if (typeof raw === 'object' && raw !== null) {
    const spec = raw as Json;
    const published = spec['published'];
    return {
      published: published === undefined || published === '' ? undefined : Number(published),
      target: Number(spec['target']),
      hostIp: typeof spec['host_ip'] === 'string' ? spec['host_ip'] : undefined,
    };
  }
  // [host_ip:][published:]target[/protocol]
  const parts = String(raw).replace(/\/\w+$/, '').split(':');
  const target = Number(parts.pop());
  const published = parts.length ? Number(parts.pop()) : undefined;
  return { published, target, hostIp: parts.length ? parts.join(':') : undefined };
}

function volume(raw: unknown): ComposeService['volumes'][number] {
  if (typeof raw === 'object' && raw !== null) {
    const spec = raw as Json;
    const type = spec['type'] === 'volume' || spec['type'] === 'bind' ? spec['type'] : 'other';
    return { type, source: spec['source'] as string | undefined, target: String(spec['target']) };
  }
  const [first = '', second] = String(raw).split(':');
  if (second === undefined) return { type: 'volume', source: undefined, target: first };
  const isPath = /^[./~]/.test(first);
  return { type: isPath ? 'bind' : 'volume', source: first, target: second };
}

function dependsOn(raw: unknown): Map<string, string> {
  if (Array.isArray(raw)) return new Map(raw.map((name) => [String(name), 'service_started']));
  return new Map(Object.entries(asObject(raw)).map(([name, spec]) =>
    [name, String(asObject(spec)['condition'] ?? 'service_started')]));
}

function healthcheck(raw: unknown): ComposeService['healthcheck'] {
  if (raw === undefined || raw === null) return undefined;
  const spec = asObject(raw);
  const test = spec['test'];
  const testWords = Array.isArray(test) ? test.map(String) : typeof test === 'string' ? [test] : [];
  if (spec['disable'] === true || testWords[0] === 'NONE') return 'disabled';
  return testWords.length ? 'defined' : undefined;
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
