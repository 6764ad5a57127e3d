import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@ecommerce/testing';

/** A file of the workspace as text: the checks always start from the real files. */
export function workspaceFile(path: string): string {
  return readFileSync(join(WORKSPACE_ROOT, path), 'utf8');
}

/**
 * `text` with `search` replaced (first occurrence). Throws when `search` is absent, so a test's
 * mutation can never silently stop applying after the real file changes.
 */
export function mutate(text: string, search: string | RegExp, replacement: string): string {
  const found = typeof search === 'string' ? text.includes(search) : search.test(text);
  if (!found) throw new Error(`mutation target not found: ${String(search)}`);
  return text.replace(search, replacement);
}
