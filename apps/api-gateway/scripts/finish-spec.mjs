// Finishing touches on tsoa's spec that its decorators cannot express. Pure function of the spec,
// so the generated file depends only on the controllers and this file.
const PROBLEM = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/ProblemDetails';

const REQUEST_ID_PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Correlation id for this request: printable ASCII without spaces, at most 128 characters. '
    + 'Absent or unacceptable: the gateway generates one. Echoed in the response and in problem bodies.',
  // No example: Swagger UI would send it with every "Try it out", giving all those calls one id.
  schema: { type: 'string', maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
};

const REQUEST_ID_HEADER = {
  description: 'The request\'s correlation id: the one sent, or the one the gateway generated.',
  required: true,
  schema: { type: 'string' },
};

/**
 * - Error responses declared on a controller class come out as application/json (tsoa ignores
 *   `produces` there); every ProblemDetails response is application/problem+json.
 * - Every operation accepts X-Request-Id and every response carries it (a middleware, not a
 *   decorator, handles it, so tsoa cannot see it).
 * - Servers stay relative ("/"), so Swagger UI's "Try it out" calls the gateway that served it.
 * - No authentication exists yet: tsoa's empty security members would make Swagger UI show an
 *   "Authorize" button with nothing behind it, so they go, as does the empty contact.
 */
export function finishSpec(spec) {
  spec.servers = [{ url: '/' }];
  delete spec.info.contact;
  for (const [name, value] of Object.entries(spec.components)) {
    if (Object.keys(value).length === 0) delete spec.components[name];
  }
  spec.components.parameters = { RequestId: REQUEST_ID_PARAMETER };
  spec.components.headers = { RequestId: REQUEST_ID_HEADER };
  for (const pathItem of Object.values(spec.paths)) {
    for (const operation of Object.values(pathItem)) {
      if (operation.security?.length === 0) delete operation.security;
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/RequestId' }];
      for (const response of Object.values(operation.responses)) {
        const json = response.content?.['application/json'];
        if (json?.schema?.$ref === PROBLEM_REF) {
          delete response.content['application/json'];
          response.content[PROBLEM] = json;
        }
        response.headers = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' }, ...response.headers };
      }
    }
  }
  return spec;
}
