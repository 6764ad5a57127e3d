import { posix } from 'node:path';
import { Copy, DockerfileParser, Env, Healthcheck, JSONInstruction, User, Workdir, type Instruction } from 'dockerfile-ast';

/** One instruction of an image's history, with the working directory and environment it ran in. */
export interface Step {
  instruction: Instruction;
  /** 1-based, for messages. */
  line: number;
  workdir: string;
  env: ReadonlyMap<string, string>;
}

/**
 * What `docker build --target <stage>` produces, as far as the Dockerfile decides it: the steps of
 * the stage and of the in-file stages it is built FROM, and what the last of them leave in effect.
 */
export interface Image {
  steps: Step[];
  /** The last USER; undefined means the base image's user (root for node:*). */
  user?: Step;
  healthcheck?: Step;
  env: ReadonlyMap<string, string>;
  workdir: string;
}

/**
 * The image of stage `ref` (a name, case-insensitive as in Docker, or an index), parsed by
 * dockerfile-ast (continuations, comments, `# escape=`, heredocs); undefined for no such stage.
 */
export function dockerImage(dockerfileText: string, ref: string): Image | undefined {
  const dockerfile = DockerfileParser.parse(dockerfileText);
  const stages = dockerfile.getFROMs().map((from) => ({
    name: from.getBuildStage()?.toLowerCase(),
    base: from.getImageName()?.toLowerCase(),
    instructions: dockerfile.getContainingImage(from.getRange().start)?.getInstructions() ?? [],
  }));
  const find = (name = '', before = stages.length) =>
    stages.slice(0, before).findIndex((stage, index) => stage.name === name.toLowerCase() || String(index) === name);
  const chain: Instruction[][] = [];
  for (let index = find(ref); index >= 0; index = find(stages[index]?.base, index)) chain.unshift(stages[index]?.instructions ?? []);
  if (chain.length === 0) return undefined;

  const image: Image = { steps: [], env: new Map(), workdir: '/' };
  const env = new Map<string, string>();
  for (const instruction of chain.flat()) {
    if (instruction instanceof Workdir) image.workdir = posix.resolve(image.workdir, instruction.getPath() ?? '.');
    if (instruction instanceof Env) for (const p of instruction.getProperties()) env.set(p.getName(), p.getValue() ?? '');
    const step = { instruction, line: instruction.getRange().start.line + 1, workdir: image.workdir, env: new Map(env) };
    if (instruction instanceof User) image.user = step;
    if (instruction instanceof Healthcheck) image.healthcheck = step;
    image.steps.push(step);
  }
  return { ...image, env };
}

/** An instruction's operands as Docker reads them: exec-form JSON strings, else shell words. */
export function operands(instruction: Instruction): string[] {
  const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
  return json.length ? json.map((arg) => arg.getJSONValue()) : instruction.getArguments().map((arg) => arg.getValue());
}

/** A COPY/ADD as sources, absolute destination and `--from` (undefined: the build context). */
export function copyOf({ instruction, workdir }: Step): { from?: string; sources: string[]; destination: string } | undefined {
  if (!['COPY', 'ADD'].includes(instruction.getKeyword())) return undefined;
  const words = operands(instruction);
  const from = instruction instanceof Copy ? instruction.getFromFlag()?.getValue() ?? undefined : undefined;
  return { from, sources: words.slice(0, -1), destination: posix.resolve(workdir, words.at(-1) ?? '.') };
}

/** True for a USER that is root: absent (the base image's default), "root", uid 0, "root:x", "0:x". */
export function isRoot(user: Step | undefined): boolean {
  return ['', 'root', '0'].includes(user ? operands(user.instruction).join(' ').split(':')[0] ?? '' : 'root');
}

/** True when the image's last HEALTHCHECK runs a command (not absent, not NONE). */
export function hasHealthcheck(image: Image | undefined): boolean {
  const words = image?.healthcheck ? operands(image.healthcheck.instruction) : [];
  return words.length > 0 && words[0]?.toUpperCase() !== 'NONE';
}
