import nx from '@nx/eslint-plugin';

// Architecture boundaries (see docs/adr/0001-workspace-layout.md). Two tag dimensions:
// type:* says what a project is, scope:* says which process it runs in.
const PLUGIN_BANNED = ['inversify', 'reflect-metadata', 'typeorm', 'pg', 'better-sqlite3', 'express'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            // Apps never name a plugin package: they discover plugins at run time.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:sdk', 'type:migrations'] },
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:sdk'], bannedExternalImports: PLUGIN_BANNED },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:sdk', 'type:migrations'] },
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:sdk', 'type:lib', 'type:plugin', 'type:tool'] },
            { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
            { sourceTag: 'scope:mcp', onlyDependOnLibsWithTags: ['scope:mcp', 'scope:shared'] },
            {
              sourceTag: 'scope:admin',
              onlyDependOnLibsWithTags: ['scope:admin', 'scope:shared'],
              bannedExternalImports: ['express', 'typeorm', 'pg', 'better-sqlite3', 'inversify', 'sharp', 'ws'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@faxbot/*/src/*', '@faxbot/*/dist/*'], message: 'Import a package through its public entry.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
