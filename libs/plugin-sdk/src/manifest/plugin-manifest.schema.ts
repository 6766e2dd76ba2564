import { MANIFEST_VERSION, PLUGIN_CATEGORIES } from './plugin-manifest';

// A path relative to the package root that cannot climb out of it.
const RELATIVE_PATH = '^(?!/)(?![A-Za-z]:)(?!.*(^|/)\\.\\.(/|$)).+$';

/**
 * JSON Schema (draft-07) of the `faxbot` manifest key. Unknown top-level keys are refused so a
 * typo fails loudly; put extensions under `x-` names.
 */
export const PLUGIN_MANIFEST_SCHEMA = {
  $id: 'urn:faxbot:plugin-manifest:v1',
  type: 'object',
  required: ['manifestVersion', 'id', 'kind', 'apiVersion', 'entry'],
  additionalProperties: false,
  patternProperties: { '^x-': {} },
  properties: {
    manifestVersion: { const: MANIFEST_VERSION },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
    kind: { enum: ['backend', 'mcp'] },
    apiVersion: { type: 'integer', minimum: 1 },
    entry: { type: 'string', minLength: 1, pattern: RELATIVE_PATH },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', maxLength: 1000 },
    categories: { type: 'array', uniqueItems: true, items: { enum: [...PLUGIN_CATEGORIES] } },
    capabilities: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-z0-9_.:-]{0,63}$' },
    },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$' },
    configSchema: { oneOf: [{ type: 'object' }, { type: 'string', pattern: RELATIVE_PATH }] },
    ui: {
      type: 'object',
      additionalProperties: false,
      properties: {
        icon: { type: 'string', pattern: RELATIVE_PATH },
        docsUrl: { type: 'string', pattern: '^https://' },
        fieldOrder: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    },
    requirements: {
      type: 'object',
      additionalProperties: false,
      properties: {
        network: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*(:\\d{1,5})?$' } },
        node: { type: 'string', minLength: 1 },
      },
    },
    webhooks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', pattern: '^([a-z0-9-]+(/[a-z0-9-]+)*)?$' },
          methods: { type: 'array', uniqueItems: true, minItems: 1, items: { enum: ['GET', 'POST', 'PUT'] } },
          description: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
} as const;
