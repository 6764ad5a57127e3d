import { APIInvalidRequestError } from './errors.js';

/** The `{name}` placeholders of a path template, e.g. "id" for "/orders/{id}/cancel". */
export type PathParamName<Template extends string> =
  Template extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamName<Rest> : never;

/**
 * Fills a path template (as the spec writes it, "/orders/{id}/cancel") with its parameters, each
 * encoded with encodeURIComponent into exactly one segment. An absent, non-string, empty, "." or
 * ".." parameter throws APIInvalidRequestError: the URL would name another resource (the list, the
 * gateway's root), so nothing must be sent.
 * @internal
 */
export function path<Template extends string>(template: Template, params: Record<PathParamName<Template>, string>): string {
  const values = params as Record<string, unknown>;
  return template.replace(/\{([^{}]+)\}/g, (_placeholder, name: string) => segment(template, name, values[name]));
}

function segment(template: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw new APIInvalidRequestError(
      `${name} must be a non-empty string other than "." and ".." (it fills {${name}} in ${template}); got ${describe(value)}`,
    );
  }
  // encodeURIComponent escapes "/", "?" and "#": only "." and ".." (refused above) are not one segment.
  return encodeURIComponent(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}
