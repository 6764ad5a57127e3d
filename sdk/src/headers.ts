/** Header records with lower-case names, merged in order: later records win, whatever the case. @internal */
export function mergeHeaders(...records: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const record of records) {
    if (!record) continue;
    for (const [name, value] of Object.entries(record)) merged[name.toLowerCase()] = value;
  }
  return merged;
}
