// Integration tests start real processes: the API's built CLI and this package's built CLI
// (which loads @faxbot/api-client from its dist). Build what they need; tsc is incremental, so
// this is quick when `nx test` already built everything (test dependsOn build, ^build).
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const tsc = require.resolve('typescript/bin/tsc');
const build = (dir) => execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { cwd: path.join(root, dir), stdio: 'inherit' });

module.exports = async () => {
  if (!existsSync(path.join(root, 'apps', 'api', 'dist', 'cli.js'))) build('apps/api');
  build('libs/api-client');
  // The MCP plugin system: the package logic it shares with the API, its SDK and the example
  // plugin the built CLI loads.
  build('libs/plugin-packages');
  build('libs/mcp-plugin-sdk');
  build('libs/mcp-plugins/fax-number');
  build('apps/mcp');
};
