import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_ENV } from './deployables.js';
import { DOCKER_COMPOSE, requireTool } from '@ecommerce/testing';


let command: string[] | undefined;

export interface ComposeResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `docker-compose config` (with `-q` when `quiet`) on `file`, with relative paths resolved
 * against `projectDirectory`, as an operator would run it from a clean shell: the platform's
 * variables and COMPOSE_* are removed from the environment and no .env file is read, so the check
 * sees the file's own defaults.
 */
export function composeConfig(file: string, projectDirectory: string, options: { quiet?: boolean } = {}): ComposeResult {
  // $DOCKER_COMPOSE, else PATH (`npm test` installs the package before the suites start).
  command ??= requireTool(DOCKER_COMPOSE);
  const [program, ...prefix] = command as [string, ...string[]];
  const scratch = mkdtempSync(join(tmpdir(), 'compose-env-'));
  const emptyEnvFile = join(scratch, 'empty.env');
  writeFileSync(emptyEnvFile, '');
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => !PLATFORM_ENV.includes(key) && !key.startsWith('COMPOSE_')));
  try {
    const result = spawnSync(program, [
      ...prefix, '--project-directory', projectDirectory, '--env-file', emptyEnvFile, '-f', file,
      'config', ...(options.quiet ? ['-q'] : []),
    ], { encoding: 'utf8', env });
    if (result.error) throw result.error;
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
