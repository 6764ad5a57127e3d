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
    if (pattern.startsWith('!') && pattern.includes('node_modules')) problems.push(`.dockerignore re-includes ${pattern.slice(1)}`);
  }
  return problems;
}
