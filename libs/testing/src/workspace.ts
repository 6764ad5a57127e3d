import { resolve } from 'node:path';

/** Workspace root, found from this file's location (libs/testing/src). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
