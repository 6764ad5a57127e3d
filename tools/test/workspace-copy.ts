import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from '@ecommerce/testing';

/** One task of an Nx run and whether Nx took its result from the cache. */
export interface TaskRun {
  task: string;
  cached: boolean;
}

/** A throw-away copy of the workspace (its files as git sees them, node_modules linked). */
export interface WorkspaceCopy {
  root: string;
  /** Runs the Nx CLI in the copy, without the daemon, with the copy's own cache; throws on failure. */
  nx(args: string[]): string;
  /** Runs any command in the copy with the same environment as `nx`; throws, with its output, on failure. */
  exec(command: string, args: string[]): string;
  /** Runs targets with run-many and reports, per task, whether it was a cache hit. */
  runMany(targets: string[], projects: string[]): TaskRun[];
  /** Projects `nx affected` selects for a change to `files`. */
  affected(files: string[]): string[];
  /** Whether `file` is an input of `task` (project:target), as Nx resolves the task's inputs. */
  isInput(task: string, file: string): boolean;
  /** Appends a comment line to `file`, a change that alters its hash and nothing else. */
  touch(file: string, comment?: string): void;
  remove(): void;
}

/** Files of the workspace as git sees them: tracked, plus untracked ones that are not ignored. */
function workspaceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '' && !file.startsWith('node_modules/'));
}

/**
 * Copies the workspace into a temporary folder, so that graph and cache experiments (edits, builds,
 * releases) never touch the real one. Environment variables of an enclosing Nx run (NX_*), npm run
 * (npm_*) or test run (TSX_TSCONFIG_PATH) are dropped, or the copy's Nx, npm and tsx would read and
 * write the real workspace's files.
 */
export function copyWorkspace(): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), 'workspace-copy-'));
  for (const file of workspaceFiles()) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      copyFileSync(join(WORKSPACE_ROOT, file), join(root, file));
    } catch (error) {
      // A file deleted in the working tree but still tracked: the copy mirrors the working tree.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  // An enclosing run's NX_*, npm_* and TSX_TSCONFIG_PATH are dropped: each names the real workspace.
  // So is NODE_TEST_CONTEXT: with it, a test run in the copy reports to this one and exits 0.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => !key.startsWith('NX_') && !/^npm_/i.test(key) && !['TSX_TSCONFIG_PATH', 'NODE_TEST_CONTEXT'].includes(key)));
  // Plain output: an enclosing Nx run forces colours on, which would hide the task lines parsed here.
  Object.assign(env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1' });
  const nxBin = join(WORKSPACE_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

  const exec = (command: string, args: string[], label = `${command} ${args.join(' ')}`): string => {
    const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
    // eslint-disable-next-line no-control-regex -- ANSI escape sequences
    const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    if (result.status !== 0) throw new Error(`${label} failed (${result.status ?? result.signal}):\n${output}`);
    return output;
  };
  const nx = (args: string[]): string => exec(process.execPath, [nxBin, ...args], `nx ${args.join(' ')}`);
  return {
    root,
    nx,
    exec: (command, args) => exec(command, args),
    runMany(targets, projects) {
      const output = nx(['run-many', '-t', ...targets, '-p', ...projects, '--output-style=static']);
      return [...output.matchAll(/^> nx run (\S+?)(\s+\[(local cache|existing outputs match the cache, left as is)\])?$/gm)]
        .map((match) => ({ task: match[1] as string, cached: match[2] !== undefined }));
    },
    affected(files) {
      return (JSON.parse(nx(['show', 'projects', '--affected', `--files=${files.join(',')}`, '--json'])) as string[]).sort();
    },
    isInput(task, file) {
      return /is an input for/.test(nx(['show', 'target', 'inputs', task, '--check', file]));
    },
    touch(file, comment = 'graph test: a change') {
      const marker = file.endsWith('.md') ? `\n<!-- ${comment} -->\n` : file.endsWith('.proto') || /\.(m?[jt]s)$/.test(file) ? `\n// ${comment}\n` : `\n# ${comment}\n`;
      appendFileSync(join(root, file), marker);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
