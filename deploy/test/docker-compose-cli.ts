import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_COMPOSE, requireTool } from '@ecommerce/testing';
import { COMPOSE_ENV, PLATFORM_ENV } from './deployables.js';

let command: string[] | undefined;

/**
 * Runs `docker-compose config -q` on `file`, with relative paths resolved against
 * `projectDirectory`, as an operator would from a clean shell: the platform's variables and
 * COMPOSE_* are removed from the environment and the env file is empty, so compose sees the file's
 * own defaults. The binary comes from $DOCKER_COMPOSE or PATH (`npm test` installs the package).
 */
export function composeConfigQuiet(file: string, projectDirectory: string): { status: number; stdout: string; stderr: string } {
  command ??= requireTool(DOCKER_COMPOSE);
  const [program, ...prefix] = command as [string, ...string[]];
  const scratch = mkdtempSync(join(tmpdir(), 'compose-env-'));
  const emptyEnvFile = join(scratch, 'empty.env');
  writeFileSync(emptyEnvFile, '');
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => !PLATFORM_ENV.includes(key) && !COMPOSE_ENV.includes(key) && !key.startsWith('COMPOSE_')));
  try {
    const result = spawnSync(program, [...prefix, '--project-directory', projectDirectory, '--env-file', emptyEnvFile, '-f', file, 'config', '-q'],
      { encoding: 'utf8', env });
    if (result.error) throw result.error;
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
