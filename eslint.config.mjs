import nx from '@nx/eslint-plugin';

/**
 * One lint configuration for the workspace. The module-boundary rule is the architecture, enforced:
 * - shared libraries (type:lib) import only other shared libraries;
 * - deployables (type:app) import only shared libraries, so product code, order code and the
 *   gateway never import each other;
 * - the SDK imports no workspace project at all, so it can be published alone;
 * - the e2e suite imports only the SDK, as a client app would (and the test harness);
 * - the test harness (type:testing) is for tests only: Nx checks boundaries per project, so a
 *   per-file rule below keeps it out of production code (every src/ file that is not a spec).
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist/**', '**/gen/**', '**/generated/**', '**/node_modules/**', '**/.nx/**', '**/test-results/**', '**/playwright-report/**'],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:sdk', 'type:testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'scope:product', notDependOnLibsWithTags: ['scope:order', 'scope:gateway'] },
            { sourceTag: 'scope:order', notDependOnLibsWithTags: ['scope:product', 'scope:gateway'] },
          ],
        },
      ],
    },
  },
  {
    // Production code: everything under a project's src/ except its specs. Test support lives in
    // test/ folders (and specs beside the code), never here.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'sdk/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['@ecommerce/testing', '@ecommerce/testing/*', '@ecommerce/*/test'],
          message: 'The test harness is for tests only: production code (src/, outside *.spec.ts) must not import it.',
        }],
      }],
    },
  },
  {
    // The SDK is published alone: its shipped code imports no workspace project.
    files: ['sdk/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@ecommerce/*', '!@ecommerce/sdk'], message: 'The SDK ships alone: it must not import workspace projects.' }],
      }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
