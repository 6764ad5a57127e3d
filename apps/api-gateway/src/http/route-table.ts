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
  /** The members the request body's schema declares, by method. */
  bodyFields: Record<string, string[]>;
}

interface SpecOperation { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }

const SCHEMAS = (spec as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components.schemas;

/** The properties of a body schema, by its $ref. */
function fieldsOf(operation: SpecOperation): string[] {
  const ref = Object.values(operation.requestBody?.content ?? {})[0]?.schema?.$ref;
  return Object.keys(SCHEMAS[ref?.split('/').pop() ?? '']?.properties ?? {});
}

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
  const bodyFields = Object.fromEntries(Object.keys(bodies).map((method) => [method, fieldsOf(operations[method.toLowerCase()] ?? {})]));
  return { template, pattern: patternOf(template), methods: methods.sort(), bodies, bodyFields };
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
  entry('/metrics', { get: {} }),
];

/**
 * What metrics and spans call a request's route: its template ("/products/{id}"), "/docs" for
 * Swagger UI and its assets, "(unmatched)" for every other path (so unknown paths never become
 * series of their own).
 */
export function routeLabel(path: string): string {
  const route = routeFor(path);
  if (route) return route.template;
  return path === '/docs' || path.startsWith('/docs/') ? '/docs' : '(unmatched)';
}

/** The route a path belongs to, whatever the method; undefined for a path the gateway does not serve. */
export function routeFor(path: string): RouteEntry | undefined {
  return ROUTES.find((route) => route.pattern.test(path));
}

/** The media types a request body may have for this method and path; undefined when it takes none. */
export function bodyTypesFor(method: string, path: string): string[] | undefined {
  return routeFor(path)?.bodies[method];
}

/**
 * The members of a request's JSON body that its operation does not declare, named as the client
 * sent them (an empty key as ""); undefined when the operation takes no body or the body is not an object.
 */
export function unknownBodyFields(method: string, path: string, body: unknown): string[] | undefined {
  const known = routeFor(path)?.bodyFields[method];
  if (!known || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return Object.keys(body).filter((key) => !known.includes(key)).map((key) => (key === '' ? '""' : key));
}
