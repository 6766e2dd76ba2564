import { isDeepStrictEqual } from 'node:util';
import { ConfigStoreError } from './config-store.error';
import type { PluginInstanceConfig } from './plugin-instance-config';
import { SecretBox } from './secret-box';
import { SecretBoxError } from './secret-box.error';

/**
 * Builds the settings to store from a save: incoming values replace the stored ones, secret fields are
 * sealed, a secret left `undefined` keeps its stored (sealed) value and `null` clears it. Refuses a
 * non-text secret and a non-secret value that looks sealed (it would be read back as a secret).
 */
export function sealIncomingSettings(
  box: SecretBox,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown>,
  secretFields: readonly string[],
): Record<string, unknown> {
  const secrets = new Set(secretFields);
  const sealed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (secrets.has(field)) {
      if (value === null) continue;
      if (typeof value !== 'string') throw new ConfigStoreError('INVALID_INPUT', `settings.${field}: a secret must be text`);
      sealed[field] = box.seal(value);
    } else {
      if (SecretBox.isSealed(value)) {
        throw new ConfigStoreError('INVALID_INPUT', `settings.${field}: looks like a sealed secret but "${field}" is not a secret field`);
      }
      // A JSON round trip stores exactly what a later read returns (no Dates, no undefined members).
      sealed[field] = JSON.parse(JSON.stringify(value)) as unknown;
    }
  }
  for (const field of secrets) {
    if (incoming[field] !== undefined || stored[field] === undefined) continue;
    const kept = stored[field];
    if (SecretBox.isSealed(kept)) sealed[field] = kept;
    // A field that became secret after it was stored in plain text is sealed now.
    else if (typeof kept === 'string') sealed[field] = box.seal(kept);
    else throw new ConfigStoreError('INVALID_INPUT', `settings.${field}: the stored value is not text; enter the secret again`);
  }
  return sealed;
}

/** Decrypts every sealed top-level setting; the error names the instance and field, never a value. */
export function revealSettings(box: SecretBox, config: PluginInstanceConfig): PluginInstanceConfig {
  const settings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(config.settings)) {
    if (!SecretBox.isSealed(value)) {
      settings[field] = value;
      continue;
    }
    try {
      settings[field] = box.open(value);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new SecretBoxError(error.code, `plugin config "${config.instanceId}" version ${config.version}, settings.${field}: ${error.message}`, {
        cause: error,
      });
    }
  }
  return { ...config, settings };
}

/** Field names a change touched, for the audit line: all of them, and the secret ones. */
export interface ConfigChanges {
  changed: string[];
  secretsChanged: string[];
}

function sameValue(box: SecretBox, before: unknown, after: unknown): boolean {
  if (SecretBox.isSealed(before) && SecretBox.isSealed(after)) {
    if (before === after) return true;
    try {
      return box.open(before) === box.open(after);
    } catch {
      // An unreadable old secret replaced by a new one is a change.
      return false;
    }
  }
  return isDeepStrictEqual(before, after);
}

/**
 * Compares two stored versions (secrets sealed; a sealed value on either side marks a secret). Names
 * are `enabled`, `isolation`, `pluginId` and `settings.<field>`; values are never part of the result.
 */
export function diffConfigs(box: SecretBox, before: PluginInstanceConfig | null, after: PluginInstanceConfig | null): ConfigChanges {
  const changes: ConfigChanges = { changed: [], secretsChanged: [] };
  for (const field of ['pluginId', 'enabled', 'isolation'] as const) {
    if (before?.[field] !== after?.[field]) changes.changed.push(field);
  }
  const beforeSettings = before?.settings ?? {};
  const afterSettings = after?.settings ?? {};
  const fields = [...new Set([...Object.keys(beforeSettings), ...Object.keys(afterSettings)])].sort();
  for (const field of fields) {
    const old = beforeSettings[field];
    const next = afterSettings[field];
    if (sameValue(box, old, next)) continue;
    changes.changed.push(`settings.${field}`);
    if (SecretBox.isSealed(old) || SecretBox.isSealed(next)) changes.secretsChanged.push(`settings.${field}`);
  }
  return changes;
}
