import root from '../../eslint.config.mjs';

// apps/mcp rules on top of the workspace's (see docs/mcp.md, "Code layout"):
// the MCP SDK is imported in one adapter file only, so the move to the v2 packages is mechanical;
// the server reaches the API over HTTP only (the neutral @faxbot/plugin-packages, shared by both
// plugin systems, is not API code); the environment is read in src/config/ only.
const DEEP_IMPORT = { group: ['@faxbot/*/src/*', '@faxbot/*/dist/*'], message: 'Import a package through its public entry.' };

export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/sdk/mcp-sdk.adapter.ts', 'src/testing/mcp-client.test-helpers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DEEP_IMPORT,
            { group: ['@modelcontextprotocol/*'], message: 'Only src/sdk/mcp-sdk.adapter.ts imports the MCP SDK (tests: src/testing/mcp-client.test-helpers.ts).' },
            {
              group: ['@faxbot/api', '@faxbot/db', '@faxbot/audit', '@faxbot/documents', '@faxbot/storage', '@faxbot/plugin-sdk', '@faxbot/plugin-*', '!@faxbot/plugin-packages', 'express'],
              message: 'The MCP server talks to the Faxbot API over HTTP only, through @faxbot/api-client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/**/*.spec.ts', 'src/**/*.test-helpers.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in src/config/mcp-config.ts only.' }],
    },
  },
];
