import { posix } from 'node:path';
import { DEPLOYABLES, type Deployable } from './deployables.js';
import { checkNoDevDependencies } from './dev-dependencies.js';
import { copyOf, dockerImage, hasHealthcheck, isRoot, operands, type Image } from './dockerfile-image.js';

/** How each kind of app must be asked whether it is healthy (the probes in deploy/probes). */
const PROBES = {
  grpc: { script: 'probes/grpc-health.mjs', asks: 'grpc.health.v1', pattern: /grpc-health\.mjs/ },
  http: { script: 'probes/http-ready.mjs', asks: 'GET /readyz', pattern: /http-ready\.mjs\s.*\/readyz\b/ },
} as const;

/**
 * Checks each deployable's `--target` stage (and the stages it is built FROM) for what a user of
 * the image relies on: it exists; runs as a non-root USER; has a HEALTHCHECK asking the app the
 * right way on its own port, with a probe script the image contains; binds 0.0.0.0 through its
 * *_HOST variable; a service's DATA_DIR is created owned by that user (a fresh named volume copies
 * that ownership, so it is writable); and no devDependency reaches it.
 * @returns one message per broken invariant ("<target>: ..."); empty when all hold.
 */
export function checkDockerfile(text: string, apps: readonly Deployable[] = DEPLOYABLES): string[] {
  return apps.flatMap((app) => {
    const image = dockerImage(text, app.name);
    if (!image) return [`${app.name}: no stage named "${app.name}" to build with --target ${app.name}`];
    return [
      ...checkUser(image),
      ...checkHealthcheck(image, app),
      ...(image.env.get(app.hostVar) === '0.0.0.0' ? []
        : [`does not set ENV ${app.hostVar}=0.0.0.0, so the app listens on the container's loopback only`]),
      ...checkDataDir(image, app),
      ...checkNoDevDependencies(text, image),
    ].map((problem) => `${app.name}: ${problem}`);
  });
}

function checkUser({ user }: Image): string[] {
  if (!user) return ['runs as root: no USER in the stage or the stages it is built from'];
  return isRoot(user) ? [`runs as root: USER ${operands(user.instruction).join(' ')} (line ${user.line})`] : [];
}

function checkHealthcheck(image: Image, app: Deployable): string[] {
  const check = image.healthcheck;
  if (!check) return ['has no HEALTHCHECK'];
  if (!hasHealthcheck(image)) return [`disables its health check: HEALTHCHECK NONE (line ${check.line})`];
  const command = operands(check.instruction).join(' ');
  const probe = PROBES[app.health];
  const problems: string[] = [];
  if (!probe.pattern.test(command)) problems.push(`HEALTHCHECK (line ${check.line}) does not ask ${probe.asks} (${probe.script})`);
  if (![`\${${app.portVar}}`, `$${app.portVar}`, `:${app.port}`].some((port) => command.includes(port))) {
    problems.push(`HEALTHCHECK (line ${check.line}) does not probe the app's port (${app.portVar})`);
  }
  // The probe a HEALTHCHECK runs must be copied into the image, or every check fails.
  for (const script of command.split(/[\s"',[\]]+/).filter((word) => /\.[cm]?js$/.test(word))) {
    const path = posix.resolve(image.workdir, script);
    const shipped = image.steps.some((step) => {
      const destination = copyOf(step)?.destination;
      return destination !== undefined && (path === destination || path.startsWith(`${destination.replace(/\/$/, '')}/`));
    });
    if (!shipped) problems.push(`HEALTHCHECK (line ${check.line}) runs ${script}, but no COPY puts anything at ${path}`);
  }
  return problems;
}

function checkDataDir(image: Image, app: Deployable): string[] {
  // Without a non-root user the ownership is moot; checkUser already reports that.
  const user = image.user;
  if (!app.database || !user || isRoot(user)) return [];
  const dataDir = image.env.get('DATA_DIR');
  if (!dataDir) return ['does not set ENV DATA_DIR (the database folder the compose volume is mounted on)'];
  const [owner = ''] = operands(user.instruction).join(' ').split(':');
  const chown = new RegExp(`\\bchown\\s+(?:-\\S+\\s+)*${escape(owner)}(?::\\S+)?\\s+(?:\\S+\\s+)*${escape(dataDir)}(?:\\s|$)`);
  const created = image.steps.some(({ instruction }) => instruction.getKeyword() === 'RUN' && chown.test(operands(instruction).join(' ')));
  return created ? [] : [`does not create DATA_DIR ${dataDir} owned by its user ${owner}; a fresh volume there would not be writable`];
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
