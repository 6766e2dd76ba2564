import { MANIFEST_VERSION, PLUGIN_CATEGORIES } from './plugin-manifest';

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
    entry: { type: 'string', minLength: 1, pattern: '^(?!/)(?![A-Za-z]:)(?!.*(^|/)\\.\\.(/|$)).+$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', maxLength: 1000 },
    categories: { type: 'array', uniqueItems: true, items: { enum: [...PLUGIN_CATEGORIES] } },
    capabilities: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-z0-9_.:-]{0,63}$' },
    },
    configSchema: { type: 'object' },
  },
} as const;
