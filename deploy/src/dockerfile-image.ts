import { posix } from 'node:path';
import { envPairs, findStage, splitFlags, stageChain, words, type Instruction, type Stage } from './dockerfile-parser.js';

/** One instruction of an image's history, with the working directory and environment it ran in. */
export interface Step {
  stage: Stage;
  instruction: Instruction;
  workdir: string;
  env: ReadonlyMap<string, string>;
}

export interface Located<T> {
  value: T;
  line: number;
}

/** What `docker build --target <stage>` produces, as far as the Dockerfile itself decides it. */
export interface ImageModel {
  target: Stage;
  steps: Step[];
  /** The last USER of the chain; undefined means the base image's user (root for node:*). */
  user: Located<string> | undefined;
  /** The last HEALTHCHECK of the chain: `CMD ...` text, or "NONE". */
  healthcheck: Located<string> | undefined;
  env: ReadonlyMap<string, Located<string>>;
}

export function imageModel(stages: readonly Stage[], target: Stage): ImageModel {
  const steps: Step[] = [];
  let user: Located<string> | undefined;
  let healthcheck: Located<string> | undefined;
  let workdir = '/';
  const env = new Map<string, Located<string>>();
  for (const stage of stageChain(stages, target)) {
    for (const instruction of stage.instructions) {
      const { keyword, args, line } = instruction;
      if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, args.trim());
      if (keyword === 'USER') user = { value: args.trim(), line };
      if (keyword === 'HEALTHCHECK') healthcheck = { value: splitFlags(args).rest, line };
      if (keyword === 'ENV') for (const [key, value] of envPairs(args)) env.set(key, { value, line });
      steps.push({ stage, instruction, workdir, env: new Map([...env].map(([key, { value }]) => [key, value])) });
    }
  }
  return { target, steps, user, healthcheck, env };
}

/** True for a USER that is root: absent (the base image's default), "root", uid 0, "root:x", "0:x". */
export function isRootUser(user: string | undefined): boolean {
  if (user === undefined) return true;
  const [name = ''] = user.trim().split(':');
  return name === '' || name === 'root' || name === '0';
}

const INSTALL = /\b(npm|yarn|pnpm)\s+(?:[^\s&|;]+\s+)*?(ci|install|i|add)\b/;
const OMITS_DEV = /--omit[=\s]dev\b|--only[=\s]prod(uction)?\b|--prod(uction)?\b(?!=false)/;
const INCLUDES_DEV = /--include[=\s]dev\b|--production=false\b/;

/**
 * True when a RUN installs devDependencies: a package-manager install without --omit=dev (or
 * --production) where NODE_ENV is not "production" (npm then omits dev by default), or any install
 * with --include=dev.
 */
export function installsDevDependencies(step: Step): boolean {
  if (step.instruction.keyword !== 'RUN') return false;
  return step.instruction.args.split(/&&|\|\||;|\|/).some((command) => {
    if (!INSTALL.test(command)) return false;
    if (INCLUDES_DEV.test(command)) return true;
    const production = step.env.get('NODE_ENV') === 'production' || /\bNODE_ENV=production\b/.test(command);
    return !production && !OMITS_DEV.test(command);
  });
}

/** Folders in which the stage `ref` (or a stage it is built from) installed devDependencies. */
export function devInstallDirs(stages: readonly Stage[], ref: string): string[] {
  const stage = findStage(stages, ref);
  if (!stage) return [];
  return imageModel(stages, stage).steps.filter(installsDevDependencies).map((step) => step.workdir);
}

export interface CopySpec {
  /** `--from` stage or image; undefined for the build context. */
  from: string | undefined;
  sources: string[];
  destination: string;
}

export function copySpec(instruction: Instruction): CopySpec {
  const { flags, rest } = splitFlags(instruction.args);
  const operands = words(rest);
  return { from: flags.get('from'), sources: operands.slice(0, -1), destination: operands.at(-1) ?? '' };
}
