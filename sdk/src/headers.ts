/** Header records with lower-case names, merged in order: later records win, whatever the case. @internal */
export function mergeHeaders(...records: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const record of records) {
    if (!record) continue;
    for (const [name, value] of Object.entries(record)) merged[name.toLowerCase()] = value;
  }
  return merged;
}

/**
 * The User-Agent to send outside browsers (which forbid setting it), "ecommerce-sdk/<version>
 * node/<process.version>"; undefined where Node is not detected or a `document` exists. @internal
 */
export function userAgent(version: string): string | undefined {
  const runtime = globalThis as { process?: { version?: unknown; versions?: { node?: unknown } }; document?: unknown };
  const node = runtime.process?.versions?.node;
  if (typeof node !== 'string' || runtime.document !== undefined) return undefined;
  const nodeVersion = typeof runtime.process?.version === 'string' ? runtime.process.version : `v${node}`;
  return `ecommerce-sdk/${version} node/${nodeVersion}`;
}
