// Renders sdk/api.md, the SDK's API reference, from API Extractor's model of the shipped
// declarations (sdk.api.json, written by scripts/api-report.mjs): the client and its resources
// first, then every other export by kind, each with its signature and the first part of its doc
// comment. One page, in the spirit of the api.md that the best generated SDKs ship.
import { ApiItemKind, ApiModel } from '@microsoft/api-extractor-model';
import { DocNodeKind } from '@microsoft/tsdoc';

/** Doc comment nodes -> Markdown text (only the node kinds the SDK's comments use). */
function render(node) {
  switch (node.kind) {
    case DocNodeKind.PlainText: return node.text;
    case DocNodeKind.SoftBreak: return ' ';
    case DocNodeKind.CodeSpan: return `\`${node.code}\``;
    case DocNodeKind.EscapedText: return node.decodedText;
    case DocNodeKind.ErrorText: return node.text;
    case DocNodeKind.FencedCode: return `\n\n\`\`\`${node.language}\n${node.code.trimEnd()}\n\`\`\`\n\n`;
    case DocNodeKind.LinkTag: return `\`${node.linkText ?? node.codeDestination?.emitAsTsdoc() ?? node.urlDestination ?? ''}\``;
    case DocNodeKind.Paragraph: return `${node.getChildNodes().map(render).join('').trim()}\n\n`;
    default: return node.getChildNodes().map(render).join('');
  }
}

const text = (section) => (section ? render(section).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() : '');
const summary = (item) => text(item.tsdocComment?.summarySection);
function signature(item) {
  const text = item.excerpt.text.replace(/^export declare /, '').replace(/\s+/g, ' ').trim().replace(/;$/, '');
  // A variable's excerpt is `NAME: type` or `NAME = value`: say what kind of binding it is.
  return item.kind === ApiItemKind.Variable ? `${item.isReadonly ? 'const' : 'let'} ${text}` : text;
}
const isGenerated = (item) => item.fileUrlPath?.includes('/gen/schema.d.ts');
const block = (code) => ['```ts', code, '```'];

function params(item) {
  const blocks = item.tsdocComment?.params.blocks ?? [];
  // JSDoc-style names (`[opts.maxRetries=2]`) are not TSDoc parameter names: then the text says it.
  return blocks.map((param) => {
    const body = text(param.content).replace(/\n+/g, ' ').replace(/^-\s*/, '');
    return `  - ${param.parameterName ? `\`${param.parameterName}\`: ` : ''}${body}`;
  });
}

function members(item) {
  return item.members.flatMap((member) => {
    const doc = summary(member).replace(/\n+/g, ' ');
    return [`- \`${signature(member)}\`${doc ? `: ${doc}` : ''}`, ...params(member)];
  });
}

function entry(item, heading = `### ${item.displayName}`) {
  const lines = [heading, '', ...block(signature(item)), ''];
  const doc = summary(item);
  if (doc) lines.push(doc, '');
  if (isGenerated(item)) lines.push('Generated from the OpenAPI spec (`openapi-typescript`); its members are the spec\'s paths and schemas.', '');
  else if (item.members.length > 0) lines.push(...members(item), '');
  return lines;
}

const SECTIONS = [
  ['Errors', (item) => item.kind === ApiItemKind.Class && /Error$/.test(item.displayName)],
  ['Classes', (item) => item.kind === ApiItemKind.Class],
  ['Interfaces', (item) => item.kind === ApiItemKind.Interface],
  ['Types', (item) => item.kind === ApiItemKind.TypeAlias],
  ['Constants', (item) => item.kind === ApiItemKind.Variable],
  ['Functions', (item) => item.kind === ApiItemKind.Function],
];

/** The whole api.md for the model at `apiJsonFile`. */
export function renderApiMarkdown(apiJsonFile) {
  const apiPackage = new ApiModel().loadPackage(apiJsonFile);
  const exported = [...apiPackage.entryPoints[0].members].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const client = exported.find((item) => item.displayName === 'EcommerceClient');
  if (!client) throw new Error('api.md: the model has no EcommerceClient');
  const resources = client.members.filter((member) => member.kind === ApiItemKind.Property);
  const resourceClasses = new Set(resources.map((member) => member.propertyTypeExcerpt.text.trim()));
  const lines = [
    `# ${apiPackage.name} API reference`,
    '',
    '<!-- Generated from the API Extractor model of the shipped declarations by `npx nx run sdk:update-baseline`',
    '     (sdk/scripts/api-md.mjs). Do not edit: the test command fails while it is stale. -->',
    '',
    'Every export of the package, as its declarations ship. The README shows how to use them;',
    '`api-report/sdk.api.md` is the reviewed record of this API that the test command checks.',
    '',
    '## Client',
    '',
    ...entry(client, `### ${client.displayName}`),
  ];
  for (const resource of resources) {
    const type = resource.propertyTypeExcerpt.text.trim();
    const resourceClass = exported.find((item) => item.displayName === type);
    if (resourceClass) lines.push(...entry(resourceClass, `### client.${resource.displayName} (${type})`));
  }
  const rest = exported.filter((item) => item !== client && !resourceClasses.has(item.displayName));
  const placed = new Set();
  for (const [title, belongs] of SECTIONS) {
    const items = rest.filter((item) => !placed.has(item) && belongs(item));
    if (items.length === 0) continue;
    items.forEach((item) => placed.add(item));
    lines.push(`## ${title}`, '', ...items.flatMap((item) => entry(item)));
  }
  const unplaced = rest.filter((item) => !placed.has(item)).map((item) => `${item.kind} ${item.displayName}`);
  if (unplaced.length > 0) throw new Error(`api.md: no section for ${unplaced.join(', ')}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
