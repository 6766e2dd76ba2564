import nx from '@nx/eslint-plugin';

// Architecture boundaries (see docs/adr/0001-workspace-layout.md). Two tag dimensions:
// type:* says what a project is, scope:* says which process it runs in.
const PLUGIN_BANNED = ['inversify', 'reflect-metadata', 'typeorm', 'pg', 'better-sqlite3', 'express'];

/**
 * Tag rules. Test files (specs and test helpers) may also use the provider simulators
 * (`type:simulator`), which no shipped code may import.
 */
function depConstraints({ testing }) {
  const simulators = testing ? ['type:simulator'] : [];
  return [
    // Apps never name a plugin package: they discover plugins at run time.
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:sdk', 'type:base', 'type:migrations', ...simulators] },
    { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:sdk', ...simulators], bannedExternalImports: PLUGIN_BANNED },
    // An SDK may build on a neutral base library (no Faxbot code of either plugin host), nothing else.
    { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:base'] },
    { sourceTag: 'type:base', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:sdk', 'type:base', 'type:migrations', ...simulators] },
    { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:sdk', 'type:base', 'type:lib', 'type:plugin', 'type:tool', 'type:simulator'] },
    // Simulators stand in for provider clouds: they know nothing of Faxbot's code.
    { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
    // Tests of any scope may start a provider simulator (the MCP server's tests drive a real API with one).
    { sourceTag: 'scope:mcp', onlyDependOnLibsWithTags: ['scope:mcp', 'scope:shared', ...simulators] },
    {
      sourceTag: 'scope:admin',
      onlyDependOnLibsWithTags: ['scope:admin', 'scope:shared'],
      bannedExternalImports: ['express', 'typeorm', 'pg', 'better-sqlite3', 'inversify', 'sharp', 'ws'],
    },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints: depConstraints({ testing: false }) }],
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
  {
    files: ['**/*.spec.ts', '**/*.test-helpers.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints: depConstraints({ testing: true }) }] },
  },
];
