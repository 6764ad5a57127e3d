// The REST gate's rules: api-smart-diff compares two OpenAPI documents and classifies every change
// (removed paths, new required request fields, removed response fields, removed status codes and
// narrowed parameters are breaking); this module applies the platform's two refinements and says
// each change in words. The rules, for people, are in CONTRIBUTING.md ("What breaks a client").
import { apiCompare, type Diff } from 'api-smart-diff';

/** One change between the baseline spec and the current one, as the gate reports it. */
export interface RestChange {
  breaking: boolean;
  /** e.g. "GET /products/{id}: response 200 (application/json) body: `etag` removed". */
  text: string;
}

type Spec = { paths?: Record<string, Record<string, { parameters?: { name?: string; $ref?: string }[] }>> } & Record<string, unknown>;

/**
 * Components are reported where they are used (api-smart-diff resolves every $ref into the
 * operations), and classified there, in context; their own entries would repeat each change
 * without knowing whether it is in a request or a response.
 */
const IN_CONTEXT = new Set(['schemas', 'parameters', 'headers', 'responses', 'requestBodies', 'examples']);

function isInResponse(path: Diff['path']): boolean {
  return path[0] === 'paths' && path[3] === 'responses';
}

function isInRequest(path: Diff['path']): boolean {
  return path[0] === 'paths' && (path[3] === 'requestBody' || path[3] === 'parameters');
}

/** Whether a change to `nullable` lets the value be null where it could not be before. */
function allowsNullNow(diff: Diff): boolean {
  return diff.action === 'remove' ? diff.before === false : diff.after === true;
}

/**
 * The platform's refinements of api-smart-diff's classification:
 * - a value added to an enum in a *response* is not breaking: the SDK's literal unions are open
 *   (`'CONFIRMED' | ... | (string & {})`), and clients must accept values they do not know;
 * - a value removed from an enum is breaking anywhere: in a request, calls that sent it fail; in
 *   a response, clients that handle it lose it, and the SDK's types drop it;
 * - `nullable` is judged by direction (api-smart-diff 1.0.6 calls every change to it breaking): a
 *   request that may now be null, or a response that no longer is, breaks nobody; the reverse does.
 */
export function isBreaking(diff: Diff): boolean {
  if (diff.path.at(-1) === 'nullable' && (isInRequest(diff.path) || isInResponse(diff.path))) {
    return isInRequest(diff.path) ? !allowsNullNow(diff) : allowsNullNow(diff);
  }
  const enumIndex = diff.path.lastIndexOf('enum');
  if (enumIndex !== -1 && enumIndex >= diff.path.length - 2) {
    if (diff.action === 'add' && isInResponse(diff.path)) return false;
    if (diff.action === 'remove' || diff.action === 'replace') return true;
  }
  return diff.type === 'breaking';
}

const show = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value).slice(0, 80) : JSON.stringify(value));

function parameterName(spec: Spec, path: string, method: string, index: number): string | undefined {
  const parameter = spec.paths?.[path]?.[method]?.parameters?.[index];
  if (parameter?.name) return parameter.name;
  const ref = parameter?.$ref?.split('/').at(-1);
  const components = (spec as { components?: { parameters?: Record<string, { name?: string }> } }).components;
  return ref ? components?.parameters?.[ref]?.name : undefined;
}

/** `schema.properties.products.items.properties.etag` -> "products[].etag". */
function schemaPath(tokens: (string | number)[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'properties' && i + 1 < tokens.length) out += `${out ? '.' : ''}${tokens[++i]}`;
    else if (token === 'items') out += '[]';
    else if (token === 'schema') continue;
    else out += `${out ? '.' : ''}${token}`;
  }
  return out;
}

/** Where a change is, in the words of an API's user. */
export function describeLocation(path: Diff['path'], before: Spec, after: Spec): string {
  if (path[0] !== 'paths' || path.length < 3) return path.join('.');
  const [, route = '', method = '', part, ...rest] = path.map(String);
  const operation = `${method.toUpperCase()} ${route}`;
  if (part === undefined) return operation;
  if (part === 'responses') {
    const [status, content, mediaType, ...inBody] = rest;
    if (content === 'content') return `${operation}: response ${status} (${mediaType}) body ${schemaPath(inBody) || ''}`.trimEnd();
    return `${operation}: response ${[status, ...(content ? [content, mediaType] : [])].join(' ')}`;
  }
  if (part === 'requestBody') {
    const [content, mediaType, ...inBody] = rest;
    return content === 'content' ? `${operation}: request body (${mediaType}) ${schemaPath(inBody)}`.trimEnd() : `${operation}: request body ${rest.join('.')}`;
  }
  if (part === 'parameters') {
    const index = Number(rest[0]);
    const name = parameterName(after, route, method, index) ?? parameterName(before, route, method, index) ?? `#${index}`;
    return `${operation}: parameter ${name} ${schemaPath(rest.slice(1))}`.trimEnd();
  }
  return `${operation}: ${[part, ...rest].join('.')}`;
}

function describeChange(diff: Diff): string {
  const last = diff.path.at(-1);
  const parent = diff.path.at(-2);
  const value = diff.action === 'add' ? diff.after : diff.before;
  if (parent === 'required') return `${diff.action === 'add' ? 'now requires' : 'no longer requires'} \`${String(value)}\``;
  if (parent === 'enum') return `enum value ${show(value)} ${diff.action === 'add' ? 'added' : diff.action === 'remove' ? 'removed' : `replaced by ${show(diff.after)}`}`;
  if (diff.action === 'replace') return `\`${String(last)}\` changed from ${show(diff.before)} to ${show(diff.after)}`;
  if (diff.action === 'rename') return `renamed ${show(diff.before)} to ${show(diff.after)}`;
  return diff.action === 'add' ? 'added' : 'removed';
}

/** Compares the baseline spec with the current one: every change, breaking first. */
export function compareSpecs(before: object, after: object): RestChange[] {
  const { diffs } = apiCompare(before, after);
  return diffs
    .filter((diff) => !(diff.path[0] === 'components' && IN_CONTEXT.has(String(diff.path[1]))))
    .map((diff) => {
      // "required.5" and "enum.2" are positions in a list: the change is to the field that owns it.
      const owner = ['required', 'enum'].includes(String(diff.path.at(-2))) ? diff.path.slice(0, -2) : diff.path;
      return { breaking: isBreaking(diff), text: `${describeLocation(owner, before as Spec, after as Spec)}: ${describeChange(diff)}` };
    })
    .sort((a, b) => Number(b.breaking) - Number(a.breaking));
}
