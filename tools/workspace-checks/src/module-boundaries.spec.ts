import { lintSource } from './lint-source';

// The architecture rules of docs/adr/0001-workspace-layout.md, proven against the real config.
describe('module boundaries', () => {
  it.each([
    ['an app importing a plugin package by name', 'apps/api/src/probe.ts', "import { createPlugin } from '@faxbot/plugin-loopback';\nexport const probe = createPlugin;\n", 'can only depend on libs tagged with'],
    ['a plugin importing inversify', 'libs/plugins/loopback/src/probe.ts', "import { Container } from 'inversify';\nexport const probe = Container;\n", 'is not allowed to import "inversify"'],
    ['a plugin importing a core library', 'libs/plugins/loopback/src/probe.ts', "import { createLogger } from '@faxbot/audit';\nexport const probe = createLogger;\n", 'can only depend on libs tagged with "type:sdk"'],
    ['the SDK importing a core library', 'libs/plugin-sdk/src/probe.ts', "import { createLogger } from '@faxbot/audit';\nexport const probe = createLogger;\n", 'can only depend on libs tagged with "type:base"'],
    ['a deep import into a package', 'apps/api/src/probe.ts', "import { FaxbotError } from '@faxbot/plugin-sdk/src/errors/faxbot-error';\nexport const probe = FaxbotError;\n", 'no-restricted-imports'],
    ['the MCP plugin SDK importing the backend plugin SDK', 'libs/mcp-plugin-sdk/src/probe.ts', "import { FaxbotError } from '@faxbot/plugin-sdk';\nexport const probe = FaxbotError;\n", 'can only depend on libs tagged with "type:base"'],
    ['the backend plugin SDK importing the MCP plugin SDK', 'libs/plugin-sdk/src/probe.ts', "import { McpPluginError } from '@faxbot/mcp-plugin-sdk';\nexport const probe = McpPluginError;\n", 'can only depend on libs tagged with "type:base"'],
    ['an MCP plugin importing the backend plugin SDK', 'libs/mcp-plugins/fax-number/src/probe.ts', "import { FaxbotError } from '@faxbot/plugin-sdk';\nexport const probe = FaxbotError;\n", 'scope:mcp'],
    ['the API importing the MCP plugin SDK', 'apps/api/src/probe.ts', "import { McpPluginError } from '@faxbot/mcp-plugin-sdk';\nexport const probe = McpPluginError;\n", 'scope:backend'],
    ['the shared plugin-packages library importing a backend library', 'libs/plugin-packages/src/probe.ts', "import { createLogger } from '@faxbot/audit';\nexport const probe = createLogger;\n", 'cannot depend on any libs'],
    ['the shared plugin-packages library importing an MCP-side library', 'libs/plugin-packages/src/probe.ts', "import { FaxbotApiError } from '@faxbot/api-client';\nexport const probe = FaxbotApiError;\n", 'cannot depend on any libs'],
    ['a plugin importing the shared plugin-packages library', 'libs/plugins/loopback/src/probe.ts', "import { nodeModulesRoots } from '@faxbot/plugin-packages';\nexport const probe = nodeModulesRoots;\n", 'can only depend on libs tagged with "type:sdk"'],
  ])('fails lint for %s', (_label, file, code, expected) => {
    const messages = lintSource(file, code);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['an app importing the SDK and a core library', 'apps/api/src/probe.ts', "import { FaxbotError } from '@faxbot/plugin-sdk';\nimport { createLogger } from '@faxbot/audit';\nexport const probe = [FaxbotError, createLogger];\n"],
    ['a plugin importing the SDK', 'libs/plugins/loopback/src/probe.ts', "import { FaxbotError } from '@faxbot/plugin-sdk';\nexport const probe = FaxbotError;\n"],
    ['an MCP plugin importing the MCP plugin SDK', 'libs/mcp-plugins/fax-number/src/probe.ts', "import { McpPluginError } from '@faxbot/mcp-plugin-sdk';\nexport const probe = McpPluginError;\n"],
    ['the MCP server importing the shared plugin-packages library', 'apps/mcp/src/probe.ts', "import { parseAllowlist } from '@faxbot/plugin-packages';\nexport const probe = parseAllowlist;\n"],
    ['the API importing the shared plugin-packages library', 'apps/api/src/probe.ts', "import { gatePackage } from '@faxbot/plugin-packages';\nexport const probe = gatePackage;\n"],
    ['the MCP plugin SDK importing the shared plugin-packages library', 'libs/mcp-plugin-sdk/src/probe.ts', "import { resolveInsidePackage } from '@faxbot/plugin-packages';\nexport const probe = resolveInsidePackage;\n"],
    ['the backend SDK importing the shared plugin-packages library', 'libs/plugin-sdk/src/probe.ts', "import { resolveInsidePackage } from '@faxbot/plugin-packages';\nexport const probe = resolveInsidePackage;\n"],
  ])('allows %s', (_label, file, code) => {
    expect(lintSource(file, code)).toEqual([]);
  });
});
