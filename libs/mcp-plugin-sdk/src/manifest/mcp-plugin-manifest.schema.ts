/** Pattern of a plugin id (the same ids as backend plugins use). */
export const MCP_PLUGIN_ID_PATTERN = '^[a-z][a-z0-9-]{1,62}$';

/** Pattern of a tool name inside a plugin; the host adds `<pluginId>_` in front. */
export const MCP_TOOL_NAME_PATTERN = '^[a-z][a-z0-9_]{0,47}$';

const ANNOTATIONS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: 200 },
    readOnlyHint: { type: 'boolean' },
    destructiveHint: { type: 'boolean' },
    idempotentHint: { type: 'boolean' },
    openWorldHint: { type: 'boolean' },
  },
} as const;

/**
 * JSON Schema (draft-07) of the `faxbot` key of an MCP plugin's `package.json`. Tool schemas and
 * the config schema are only required to be objects here; they are compiled separately, so a
 * broken schema is reported with the tool it belongs to.
 */
export const MCP_PLUGIN_MANIFEST_SCHEMA = {
  $id: 'urn:faxbot:mcp-plugin-manifest:v1',
  type: 'object',
  required: ['manifestVersion', 'id', 'kind', 'apiVersion', 'entry', 'name', 'description', 'tools'],
  additionalProperties: false,
  patternProperties: { '^x-': {} },
  properties: {
    manifestVersion: { const: 1 },
    id: { type: 'string', pattern: MCP_PLUGIN_ID_PATTERN },
    kind: { const: 'mcp' },
    apiVersion: { type: 'integer', minimum: 1 },
    entry: { type: 'string', minLength: 1, maxLength: 500 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', minLength: 1, maxLength: 2000 },
    version: { type: 'string', minLength: 1, maxLength: 256 },
    configSchema: { type: 'object' },
    tools: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      items: {
        type: 'object',
        required: ['name', 'description', 'inputSchema'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: MCP_TOOL_NAME_PATTERN },
          title: { type: 'string', minLength: 1, maxLength: 200 },
          description: { type: 'string', minLength: 1, maxLength: 4000 },
          inputSchema: { type: 'object', required: ['type'], properties: { type: { const: 'object' } } },
          outputSchema: { type: 'object', required: ['type'], properties: { type: { const: 'object' } } },
          annotations: ANNOTATIONS,
        },
      },
    },
  },
} as const;
