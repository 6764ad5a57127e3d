import spec from '../gen/openapi.json';

/** One path the gateway serves, with the methods it takes there and the body media types per method. */
export interface RouteEntry {
  /** e.g. "/products/{id}" */
  template: string;
  pattern: RegExp;
  /** Upper-case methods, HEAD included wherever GET is. */
  methods: string[];
  /** Media types of the request body, by method; only for methods that take a body. */
  bodies: Record<string, string[]>;
}

interface SpecOperation { requestBody?: { content?: Record<string, unknown> } }

/** "/products/{id}" -> /^\/products\/[^/]+$/ */
function patternOf(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

function entry(template: string, operations: Record<string, SpecOperation>): RouteEntry {
  const methods = Object.keys(operations).map((method) => method.toUpperCase());
  if (methods.includes('GET')) methods.push('HEAD');
  const bodies = Object.fromEntries(Object.entries(operations)
    .filter(([, operation]) => operation.requestBody?.content)
    .map(([method, operation]) => [method.toUpperCase(), Object.keys(operation.requestBody?.content ?? {})]));
  return { template, pattern: patternOf(template), methods: methods.sort(), bodies };
}

/**
 * Every route the gateway serves: the spec's operations (the spec is generated from the
 * controllers, so this is what tsoa registered), plus the root document and the spec itself.
 * Swagger UI's own files are apiDocs' business.
 */
export const ROUTES: readonly RouteEntry[] = [
  ...Object.entries(spec.paths as Record<string, Record<string, SpecOperation>>).map(([template, operations]) => entry(template, operations)),
  entry('/', { get: {} }),
  entry('/openapi.json', { get: {} }),
];

/** The route a path belongs to, whatever the method; undefined for a path the gateway does not serve. */
export function routeFor(path: string): RouteEntry | undefined {
  return ROUTES.find((route) => route.pattern.test(path));
}

/** The media types a request body may have for this method and path; undefined when it takes none. */
export function bodyTypesFor(method: string, path: string): string[] | undefined {
  return routeFor(path)?.bodies[method];
}
