import { CODES, CODE_NAMES, REASONS, REASON_NAMES, problemType, type ReasonEntry } from './catalog.js';

/** The tables of docs/errors.md, rendered from the catalogue (the file is generated: do not edit it). */
export function renderErrorDocs(): string {
  const reasons = REASON_NAMES.map((name) => {
    const entry: ReasonEntry = REASONS[name];
    const type = problemType(name).split('/').pop();
    return `| \`${name}\` | ${entry.code ?? '—'} | ${entry.http} | \`${type}\` | ${entry.raisedBy} | ${entry.meaning} |`;
  });
  const codes = CODE_NAMES.map((name) => `| ${name} | ${CODES[name].http} | \`${problemType(name).split('/').pop()}\` | ${CODES[name].title} |`);
  return `<!-- Generated from libs/errors/src/catalog.ts by \`npx nx run errors:update-docs\`. Do not edit. -->
# Errors

Every error the platform produces, from the one catalogue in \`libs/errors/src/catalog.ts\`.

- **Over gRPC** a failure is a status code plus \`ecommerce.rpc.v1.ErrorDetails\` (reason, domain,
  metadata, field violations) in the trailing metadata key \`ecommerce-error-details-bin\`.
- **At the REST edge** it is an RFC 9457 problem (\`application/problem+json\`): \`type\`, \`title\`,
  \`status\`, \`detail\`, \`instance\` (the request path), \`request_id\`, \`code\` (the gRPC code, when
  there is one), \`reason\` (when there is one) and, for validation, \`errors: [{field, message}]\`.
- \`type\` is stable per kind of problem: \`https://ecommerce.example.com/problems/\` followed by the
  kebab-case reason, or the gRPC code when there is no reason.

## Reasons

| reason | gRPC code | HTTP | problem \`type\` | raised by | when |
|---|---|---|---|---|---|
${reasons.join('\n')}

## Failures without a reason

A failure that carries only a gRPC code (grpc-js's own, e.g. a service that cannot be reached)
maps by its code:

| gRPC code | HTTP | problem \`type\` | title |
|---|---|---|---|
${codes.join('\n')}
`;
}
