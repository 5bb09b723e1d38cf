// Lint: typescript-eslint's type-aware recommended rules, and Nx module boundaries on real tags.
// Tags are scope (shared | organizations | gateway | …) × type (app | domain | contracts | data-access | util | testing).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier/flat';

const frameworkImports = ['@nestjs/*', 'mongoose', 'mongodb', 'kafkajs', 'express', 'graphql', 'jose', 'dataloader'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', '.infra/**', 'tools/bench/peers/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:data-access',
                'type:util',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: frameworkImports,
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworkImports,
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // A service may use another service's published contracts, never its internals.
            {
              sourceTag: 'scope:organizations',
              onlyDependOnLibsWithTags: ['scope:organizations', 'scope:shared', 'type:contracts'],
            },
            {
              sourceTag: 'scope:members',
              onlyDependOnLibsWithTags: ['scope:members', 'scope:shared', 'type:contracts'],
            },
            {
              sourceTag: 'scope:projects',
              onlyDependOnLibsWithTags: ['scope:projects', 'scope:shared', 'type:contracts'],
            },
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared', 'type:contracts'],
            },
          ],
        },
      ],
    },
  },
  {
    // The testing library (type:testing) is for tests only.
    files: ['**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/shared/testing/**',
      'apps/*/src/testing/**',
      'tools/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@lianjian/testing', message: 'The testing library is for tests only.' }] },
      ],
    },
  },
  {
    // A service's application layer (use cases, ports) knows no adapter: it reads and writes through its ports.
    files: ['apps/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@lianjian/testing', message: 'The testing library is for tests only.' }],
          patterns: [
            {
              group: ['**/infrastructure/**', '**/graphql/**', 'mongodb', 'kafkajs', '@nestjs/*'],
              message: 'Application code depends on its ports, not on adapters, GraphQL or frameworks.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure: no framework, database, broker or node imports.
    files: ['libs/*/domain/src/**/*.ts', 'libs/shared/calendar/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'events', '@lianjian/testing', ...frameworkImports],
              message: 'Domain code is pure: no framework, I/O, node or test imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests: jest's asymmetric matchers are typed `any`.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Formatting is Prettier's (npm run format; `npm run lint` checks it): no lint rule may disagree with it.
  prettier,
);
