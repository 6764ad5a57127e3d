import nx from '@nx/eslint-plugin';

/**
 * One lint configuration for the workspace. The module-boundary rule is the architecture, enforced:
 * - shared libraries (type:lib) import only other shared libraries;
 * - deployables (type:app) import only shared libraries, so product code, order code and the
 *   gateway never import each other;
 * - the SDK imports no workspace project at all, so it can be published alone;
 * - the e2e suite imports only the SDK, as a client app would.
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
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:sdk'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:product', notDependOnLibsWithTags: ['scope:order', 'scope:gateway'] },
            { sourceTag: 'scope:order', notDependOnLibsWithTags: ['scope:product', 'scope:gateway'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
