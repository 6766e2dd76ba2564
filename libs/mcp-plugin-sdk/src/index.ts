export {
  MCP_MANIFEST_VERSION,
  MCP_PLUGIN_API_VERSION,
  type JsonSchema,
  type McpPluginManifest,
  type McpToolAnnotations,
  type McpToolDeclaration,
} from './manifest/mcp-plugin-manifest';
export { MCP_PLUGIN_MANIFEST_SCHEMA, MCP_PLUGIN_ID_PATTERN, MCP_TOOL_NAME_PATTERN } from './manifest/mcp-plugin-manifest.schema';
export { validateMcpPluginManifest, type McpManifestValidation } from './manifest/validate-mcp-plugin-manifest';
export { loadMcpPluginManifest, type LoadedMcpPluginManifest, type McpPluginPackageInfo } from './manifest/load-mcp-plugin-manifest';
export { compileJsonSchema, type JsonSchemaChecker, type SchemaCheck } from './manifest/json-schema-checker';
export { describeSchemaErrors, resolveInsidePackage } from '@faxbot/plugin-packages';
export type { McpPlugin, McpPluginFactory, McpPluginContext, McpPluginLogger, McpHostInfo, McpToolCall, McpToolResult } from './contracts/mcp-plugin';
export { McpPluginError, isMcpPluginError, type McpPluginErrorCode } from './errors/mcp-plugin-error';
export { defineMcpPlugin, type McpPluginDefinition, type McpToolHandler, type McpToolHandlerContext } from './plugin/define-mcp-plugin';
