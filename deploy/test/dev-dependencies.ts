import { posix } from 'node:path';
import { copyOf, dockerImage, operands, type Image, type Step } from './dockerfile-image.js';

const INSTALL = /\b(npm|yarn|pnpm)\s+(?:[^\s&|;]+\s+)*?(ci|install|i|add)\b/;
const OMITS_DEV = /--omit[=\s]dev\b|--only[=\s]prod(uction)?\b|--prod(uction)?\b(?!=false)/;
const INCLUDES_DEV = /--include[=\s]dev\b|--production=false\b/;

/** The package-manager installs a RUN makes, each marked with whether it brings devDependencies. */
function installs(step: Step): { dev: boolean }[] {
  if (step.instruction.getKeyword() !== 'RUN') return [];
  const production = step.env.get('NODE_ENV') === 'production';
  return operands(step.instruction).join(' ').split(/&&|\|\||;|\|/).filter((command) => INSTALL.test(command))
    .map((command) => ({
      // npm omits dev by default under NODE_ENV=production, unless told to include it.
      dev: INCLUDES_DEV.test(command) || (!production && !/\bNODE_ENV=production\b/.test(command) && !OMITS_DEV.test(command)),
    }));
}

/**
 * Checks that no devDependency reaches `image` (they bloat it and widen its attack surface):
 * no dev install in its own chain, no copy of the whole build context, node_modules only from a
 * stage that installed production dependencies only, and nothing but dist/ from a stage that
 * installed devDependencies (the build stage).
 */
export function checkNoDevDependencies(dockerfile: string, image: Image): string[] {
  const problems: string[] = [];
  for (const step of image.steps) {
    if (installs(step).some((install) => install.dev)) {
      problems.push(`installs devDependencies (line ${step.line}); use npm ci --omit=dev`);
    }
    const copy = copyOf(step);
    if (!copy) continue;
    if (copy.from === undefined) {
      if (copy.sources.some((source) => ['.', './', '*', '/'].includes(source))) {
        problems.push(`copies the whole build context (line ${step.line}); copy built output only`);
      }
      continue;
    }
    const source = dockerImage(dockerfile, copy.from);
    if (!source) continue; // an external image: not built here
    const made = source.steps.flatMap(installs);
    // Docker resolves --from sources against the stage's root, not its WORKDIR.
    for (const path of copy.sources.map((from) => posix.resolve('/', from))) {
      const segments = path.split('/');
      if (made.some((install) => install.dev) && !segments.includes('dist')) {
        problems.push(`copies ${path} from stage "${copy.from}", which installed devDependencies (line ${step.line}); ` +
          'take only dist/ from it, and node_modules from a production-only stage');
      } else if (segments.includes('node_modules') && made.length === 0) {
        problems.push(`copies ${path} from stage "${copy.from}", which ran no npm ci --omit=dev (line ${step.line})`);
      }
    }
  }
  return problems;
}
