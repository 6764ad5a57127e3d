import { join } from 'node:path';
import { WORKSPACE_ROOT } from './baseline.js';

/** The buf CLI the workspace pins (@bufbuild/buf), not one from PATH. */
export const BUF = join(WORKSPACE_ROOT, 'node_modules/.bin/buf');
