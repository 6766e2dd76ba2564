import Ajv, { type ValidateFunction } from 'ajv';
import { describeAjvErrors } from '@faxbot/plugin-sdk';
import { ConfigStoreError } from './config-store.error';
import { INSTANCE_ID_PATTERN, KEPT_VERSIONS, PLUGIN_ISOLATION_MODES, type PluginInstanceConfig } from './plugin-instance-config';

/** One stored version as JSON: what the file holds and what a database row must amount to. */
export interface StoredConfigJson {
  instanceId: string;
  pluginId: string;
  enabled: boolean;
  isolation: PluginInstanceConfig['isolation'];
  /** Settings with secret values sealed (`enc:v1:…`). */
  settings: Record<string, unknown>;
  version: number;
  /** ISO 8601 UTC, e.g. 2026-05-01T12:00:00.000Z. */
  updatedAt: string;
  updatedBy: string;
}

/** The FAXBOT_CONFIG_PATH file: current config per instance and up to ten replaced versions, newest first. */
export interface ConfigFileDocument {
  formatVersion: 1;
  instances: Record<string, StoredConfigJson>;
  history: Record<string, StoredConfigJson[]>;
}

const ID = INSTANCE_ID_PATTERN.source;

/** JSON Schema of one stored version (draft-07). */
export const STORED_CONFIG_SCHEMA = {
  $id: 'https://faxbot.dev/schemas/stored-plugin-config.json',
  type: 'object',
  additionalProperties: false,
  required: ['instanceId', 'pluginId', 'enabled', 'isolation', 'settings', 'version', 'updatedAt', 'updatedBy'],
  properties: {
    instanceId: { type: 'string', pattern: ID },
    pluginId: { type: 'string', pattern: ID },
    enabled: { type: 'boolean' },
    isolation: { enum: [...PLUGIN_ISOLATION_MODES] },
    settings: { type: 'object' },
    version: { type: 'integer', minimum: 1 },
    updatedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' },
    updatedBy: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

/** JSON Schema of the whole FAXBOT_CONFIG_PATH file (draft-07). */
export const CONFIG_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['formatVersion', 'instances', 'history'],
  properties: {
    formatVersion: { const: 1 },
    instances: {
      type: 'object',
      propertyNames: { type: 'string', pattern: ID },
      additionalProperties: { $ref: STORED_CONFIG_SCHEMA.$id },
    },
    history: {
      type: 'object',
      propertyNames: { type: 'string', pattern: ID },
      additionalProperties: { type: 'array', maxItems: KEPT_VERSIONS, items: { $ref: STORED_CONFIG_SCHEMA.$id } },
    },
  },
} as const;

let compiled: { stored: ValidateFunction<StoredConfigJson>; file: ValidateFunction<ConfigFileDocument> } | undefined;

// Compiled on first use, not at import time.
function validators(): NonNullable<typeof compiled> {
  if (compiled === undefined) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addSchema(STORED_CONFIG_SCHEMA);
    compiled = {
      stored: ajv.compile<StoredConfigJson>({ $ref: STORED_CONFIG_SCHEMA.$id }),
      file: ajv.compile<ConfigFileDocument>(CONFIG_FILE_SCHEMA),
    };
  }
  return compiled;
}

function corrupt(where: string, problems: string[]): ConfigStoreError {
  return new ConfigStoreError(
    'CORRUPT',
    `${where} does not match the config store schema (${problems.slice(0, 5).join('; ')}); ` +
      'nothing was changed: restore it from a backup or fix it, the store never resets it',
  );
}

/** Converts a config (secrets sealed) to its stored JSON form. */
export function toStoredJson(config: PluginInstanceConfig): StoredConfigJson {
  return { ...config, settings: { ...config.settings }, updatedAt: config.updatedAt.toISOString() };
}

/** Converts stored JSON (already checked) back to a config; settings stay sealed. */
export function fromStoredJson(json: StoredConfigJson): PluginInstanceConfig {
  return { ...json, settings: { ...json.settings }, updatedAt: new Date(json.updatedAt) };
}

/** Checks one stored version against {@link STORED_CONFIG_SCHEMA}; throws `CORRUPT` naming `where`. */
export function checkStoredConfig(value: unknown, where: string): StoredConfigJson {
  const validate = validators().stored;
  if (!validate(value)) throw corrupt(where, describeAjvErrors(validate.errors, 'config'));
  if (Number.isNaN(Date.parse(value.updatedAt))) throw corrupt(where, ['config.updatedAt: not a date']);
  return value;
}

/**
 * Checks a parsed FAXBOT_CONFIG_PATH document: the schema, then what a schema cannot say (keys match
 * instance ids, history is newest first and older than the current version). Throws `CORRUPT`.
 */
export function checkConfigFile(value: unknown, path: string): ConfigFileDocument {
  const formatVersion = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof formatVersion === 'number' && formatVersion > 1) {
    throw new ConfigStoreError('CORRUPT', `${path} has formatVersion ${formatVersion}, written by a newer Faxbot; this version reads formatVersion 1`);
  }
  const validate = validators().file;
  if (!validate(value)) throw corrupt(path, describeAjvErrors(validate.errors, 'file'));
  const problems: string[] = [];
  for (const [key, current] of Object.entries(value.instances)) {
    if (current.instanceId !== key) problems.push(`instances.${key}: instanceId is "${current.instanceId}"`);
  }
  for (const [key, versions] of Object.entries(value.history)) {
    const current = value.instances[key];
    if (current === undefined) problems.push(`history.${key}: no current configuration for this instance`);
    let above = current?.version ?? Number.POSITIVE_INFINITY;
    for (const [index, version] of versions.entries()) {
      if (version.instanceId !== key) problems.push(`history.${key}[${index}]: instanceId is "${version.instanceId}"`);
      if (version.version >= above) problems.push(`history.${key}[${index}]: versions must be older than the current one and newest first`);
      above = version.version;
    }
  }
  for (const stored of [...Object.values(value.instances), ...Object.values(value.history).flat()]) {
    if (Number.isNaN(Date.parse(stored.updatedAt))) problems.push(`${stored.instanceId} v${stored.version}: updatedAt is not a date`);
  }
  if (problems.length > 0) throw corrupt(path, problems);
  return value;
}
