import { posix } from 'node:path';
import { DEPLOYABLES, type Deployable } from './deployables.js';
import { copySpec, devInstallDirs, imageModel, installsDevDependencies, isRootUser, type ImageModel } from './dockerfile-image.js';
import { findStage, parseDockerfile, words, type Stage } from './dockerfile-parser.js';

/**
 * Checks the invariants every app image must keep, for each deployable's `--target` stage:
 * - it exists, and runs as a non-root USER;
 * - it has a HEALTHCHECK that asks the app the right way (gRPC health / GET /readyz) on its port,
 *   with a probe script the image actually contains;
 * - it binds 0.0.0.0 through its *_HOST variable;
 * - a service's DATA_DIR is created owned by that user (so a fresh named volume is writable);
 * - nothing from a stage that installed devDependencies reaches it except built output: no
 *   node_modules and no whole workspace copied from such a stage, no dev install in the image
 *   itself, no copy of the whole build context.
 * @returns one message per broken invariant ("<target>: ... (line N)"); empty when all hold.
 */
export function checkDockerfile(text: string, apps: readonly Deployable[] = DEPLOYABLES): string[] {
  const stages = parseDockerfile(text);
  return apps.flatMap((app) => {
    const stage = findStage(stages, app.name);
    if (!stage) return [`${app.name}: no stage named "${app.name}" to build with --target ${app.name}`];
    const image = imageModel(stages, stage);
    return [
      ...checkUser(image),
      ...checkHealthcheck(image, app),
      ...checkBind(image, app),
      ...checkDataDir(image, app),
      ...checkNoDevDependencies(stages, image),
    ].map((problem) => `${app.name}: ${problem}`);
  });
}

function checkUser(image: ImageModel): string[] {
  if (!image.user) return ['runs as root: no USER in the stage or the stages it is built from'];
  if (isRootUser(image.user.value)) return [`runs as root: USER ${image.user.value} (line ${image.user.line})`];
  return [];
}

function checkHealthcheck(image: ImageModel, app: Deployable): string[] {
  const check = image.healthcheck;
  if (!check) return ['has no HEALTHCHECK'];
  if (/^NONE\b/i.test(check.value)) return [`disables its health check: HEALTHCHECK NONE (line ${check.line})`];
  const problems: string[] = [];
  const probe = app.health === 'grpc' ? /grpc-health/ : /\/readyz\b/;
  if (!probe.test(check.value)) {
    problems.push(`HEALTHCHECK (line ${check.line}) does not ask ${app.health === 'grpc' ? 'grpc.health.v1 (probes/grpc-health.mjs)' : 'GET /readyz'}`);
  }
  problems.push(...checkProbeShipped(image, check.value, check.line));
  if (!check.value.includes(`\${${app.portVar}}`) && !check.value.includes(`$${app.portVar}`) && !check.value.includes(`:${app.port}`)) {
    problems.push(`HEALTHCHECK (line ${check.line}) does not probe the app's port (${app.portVar})`);
  }
  return problems;
}

/** The probe script a HEALTHCHECK runs must be copied into the image, or every check fails. */
function checkProbeShipped(image: ImageModel, command: string, line: number): string[] {
  const workdir = image.steps.at(-1)?.workdir ?? '/';
  return words(command).filter((word) => /\.[cm]?js$/.test(word)).flatMap((script) => {
    const path = posix.resolve(workdir, script);
    const shipped = image.steps.some((step) => {
      if (step.instruction.keyword !== 'COPY' && step.instruction.keyword !== 'ADD') return false;
      const destination = posix.resolve(step.workdir, copySpec(step.instruction).destination);
      return path === destination || path.startsWith(`${destination === '/' ? '' : destination}/`);
    });
    return shipped ? [] : [`HEALTHCHECK (line ${line}) runs ${script}, but no COPY puts anything at ${path}`];
  });
}

function checkBind(image: ImageModel, app: Deployable): string[] {
  const host = image.env.get(app.hostVar);
  if (host?.value === '0.0.0.0') return [];
  return [`does not set ENV ${app.hostVar}=0.0.0.0, so the app listens on the container's loopback only`];
}

function checkDataDir(image: ImageModel, app: Deployable): string[] {
  // Without a non-root user the ownership is moot; checkUser already reports that.
  if (!app.database || !image.user || isRootUser(image.user.value)) return [];
  const dataDir = image.env.get('DATA_DIR')?.value;
  if (!dataDir) return ['does not set ENV DATA_DIR (the database folder the compose volume is mounted on)'];
  const [owner = ''] = image.user.value.split(':');
  const chowned = image.steps.some(({ instruction }) =>
    instruction.keyword === 'RUN' &&
    new RegExp(`chown\\s+(?:-\\S+\\s+)*${escape(owner)}(?::\\S+)?\\s+(?:\\S+\\s+)*${escape(dataDir)}(?:\\s|$)`).test(instruction.args));
  return chowned ? [] : [`does not create DATA_DIR ${dataDir} owned by its user ${owner}; a fresh volume there would not be writable`];
}

function checkNoDevDependencies(stages: readonly Stage[], image: ImageModel): string[] {
  const problems: string[] = [];
  for (const step of image.steps) {
    const { keyword, line } = step.instruction;
    if (installsDevDependencies(step)) problems.push(`installs devDependencies (line ${line}); use npm ci --omit=dev`);
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const copy = copySpec(step.instruction);
    if (copy.from === undefined) {
      if (copy.sources.some((source) => ['.', './', '*', '/'].includes(source))) {
        problems.push(`copies the whole build context (line ${line}); copy built output only`);
      }
      continue;
    }
    const devDirs = devInstallDirs(stages, copy.from);
    if (devDirs.length === 0) continue;
    const fromStage = findStage(stages, copy.from);
    const fromWorkdir = (fromStage && imageModel(stages, fromStage).steps.at(-1)?.workdir) ?? '/';
    for (const source of copy.sources) {
      const path = posix.resolve(fromWorkdir, source);
      const carriesModules = path.split('/').includes('node_modules') ||
        devDirs.some((dir) => dir === path || dir.startsWith(path === '/' ? '/' : `${path}/`));
      if (carriesModules) {
        problems.push(`copies ${source} from stage "${copy.from}", which installed devDependencies (line ${line}); ` +
          'take node_modules from a production-only stage');
      }
    }
  }
  return problems;
}

/**
 * Checks that the build context leaves out what must not reach an image: the host's node_modules
 * at any depth (wrong platform, dev dependencies), build output, local data, .git and .env files.
 */
export function checkDockerignore(text: string): string[] {
  const patterns = new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/^\.?\//, '').replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#')));
  const required: [string, string[]][] = [
    ['node_modules at any depth', ['**/node_modules']],
    ['build output', ['dist', '**/dist']],
    ['local data', ['data', '**/data']],
    ['the git history', ['.git']],
    ['.env files', ['.env', '**/.env']],
  ];
  const problems = required
    .filter(([, options]) => !options.some((option) => patterns.has(option)))
    .map(([what, options]) => `.dockerignore does not exclude ${what} (add ${options.at(-1)})`);
  for (const pattern of patterns) {
    if (pattern.startsWith('!') && /node_modules/.test(pattern)) problems.push(`.dockerignore re-includes ${pattern.slice(1)}`);
  }
  return problems;
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
