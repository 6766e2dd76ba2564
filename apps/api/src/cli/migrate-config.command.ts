import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createLogger, scrubText } from '@faxbot/audit';
import { openDatabase, resolveDatabaseOptions, type Database } from '@faxbot/db';
import { nodeModulesRoots } from '@faxbot/plugin-packages';
import { compileConfigSchema, type ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import { loadConfig, type AppConfig } from '../config/app-config';
import { createPluginConfigStore } from '../plugins/config-store/create-plugin-config-store';
import { SECRET_KEY_FILE_NAME } from '../plugins/config-store/open-plugin-config-store';
import { SecretBox } from '../plugins/config-store/secret-box';
import { loadSecretKey } from '../plugins/config-store/secret-key.loader';
import type { PluginConfigStore } from '../plugins/config-store/plugin-config.store';
import { resolvePluginConfig } from '../plugins/plugin-config.resolver';
import { installedPluginsRoot } from '../plugins/install/install-plugin';
import { discoverPlugins } from '../plugins/plugin-discovery';

/** Actor recorded for versions written by `--apply`; `--rollback` looks for it. */
export const MIGRATE_CONFIG_ACTOR = 'migrate-config';
/** Actor recorded for versions written by `--rollback`. */
export const MIGRATE_CONFIG_ROLLBACK_ACTOR = 'migrate-config:rollback';
/** How secrets appear in `--dry-run` output. */
export const MASKED_SECRET = '***set***';

const API_PACKAGE_DIR = resolve(__dirname, '..', '..');

const USAGE = `Usage: faxbot migrate-config (--dry-run | --apply | --rollback)

Turns the environment configuration of the FAX_BACKEND plugin (the variables its manifest names
with x-env, such as PHAXIO_API_KEY) into a plugin config in the config store: the database, or the
FAXBOT_CONFIG_PATH file when that is set.

  --dry-run   print the config it would write as JSON, secrets shown as "${MASKED_SECRET}"; changes nothing
  --apply     write it as a new version; the previous version stays in the store's history as the backup
  --rollback  restore the version from before the last --apply (or remove the config if --apply created it)
`;

/** Where a command writes; `process.stdout`/`process.stderr` fit. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

type Mode = 'dry-run' | 'apply' | 'rollback';

/** A failure with a message meant for the operator. */
class CommandFailure extends Error {}

function parseMode(argv: string[]): Mode | 'help' | null {
  if (argv.length === 1 && ['--help', '-h'].includes(argv[0] ?? '')) return 'help';
  if (argv.length !== 1) return null;
  const mode = { '--dry-run': 'dry-run', '--apply': 'apply', '--rollback': 'rollback' }[argv[0] ?? ''];
  return (mode as Mode | undefined) ?? null;
}

async function findManifest(config: AppConfig, extraRoots: string[]): Promise<ResolvedPluginManifest> {
  // The same folders, in the same order, as the gateway's plugin host.
  const roots = [...config.pluginPaths, ...extraRoots, installedPluginsRoot(config.dataDir), ...nodeModulesRoots(API_PACKAGE_DIR)];
  const found = await discoverPlugins(roots, 'backend');
  const plugin = found.find((candidate) => candidate.id === config.faxBackend);
  if (plugin === undefined) {
    const ids = [...new Set(found.map((candidate) => candidate.id))].join(', ') || 'none';
    throw new CommandFailure(`FAX_BACKEND is "${config.faxBackend}" but no backend plugin with that id is installed (found: ${ids})`);
  }
  if (plugin.manifest === null || plugin.state === 'invalid') {
    throw new CommandFailure(`plugin "${plugin.id}" (${plugin.packageName}) is invalid: ${plugin.reason ?? 'unreadable manifest'}`);
  }
  return plugin.manifest;
}

/** The settings the environment sets for the plugin, checked together with `stored` (which they override). */
function settingsFromEnv(manifest: ResolvedPluginManifest, env: AppConfig['env'], stored: Record<string, unknown>): { settings: Record<string, unknown>; errors: string[] } {
  const resolved = resolvePluginConfig(manifest, env, stored);
  if (!resolved.check.ok) return { settings: {}, errors: resolved.check.errors };
  const config = resolved.check.config;
  return { settings: Object.fromEntries(resolved.locked.map((field) => [field, config[field]])), errors: [] };
}

function dryRun(manifest: ResolvedPluginManifest, config: AppConfig, io: CommandIo): number {
  const checker = compileConfigSchema(manifest.configSchema ?? { type: 'object' });
  const { settings, errors } = settingsFromEnv(manifest, config.env, {});
  const masked = Object.fromEntries(Object.entries(settings).map(([field, value]) => [field, checker.secretFields.includes(field) ? MASKED_SECRET : value]));
  const plan = {
    mode: 'dry-run',
    store: config.plugins.configPath ?? 'database',
    instanceId: manifest.id,
    pluginId: manifest.id,
    enabled: true,
    settings: masked,
    fromEnvironment: Object.fromEntries(Object.keys(settings).map((field) => [field, (checker.envVariables[field] ?? []).find((variable) => (config.env[variable] ?? '').trim() !== '')])),
    secretFields: checker.secretFields,
    valid: errors.length === 0,
    errors,
  };
  io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  if (errors.length > 0) {
    io.stderr.write(`faxbot migrate-config: the environment does not give "${manifest.id}" a valid configuration: ${errors.join('; ')}\n`);
    return 1;
  }
  return 0;
}

async function apply(store: PluginConfigStore, manifest: ResolvedPluginManifest, config: AppConfig, io: CommandIo): Promise<number> {
  const id = manifest.id;
  const current = await store.get(id);
  const { settings, errors } = settingsFromEnv(manifest, config.env, current?.settings ?? {});
  if (errors.length > 0) throw new CommandFailure(`the environment does not give "${id}" a valid configuration: ${errors.join('; ')}`);
  const secretFields = compileConfigSchema(manifest.configSchema ?? { type: 'object' }).secretFields;
  if (current !== null && current.enabled && current.pluginId === id && isDeepStrictEqual({ ...current.settings, ...settings }, current.settings)) {
    io.stdout.write(`no change: "${id}" version ${current.version} in ${store.location} already holds these settings\n`);
    return 0;
  }
  // Settings the environment does not set keep their stored values; secrets among them are passed as
  // undefined, which tells the store to keep them sealed as they are.
  const keptSecrets = Object.fromEntries(secretFields.filter((field) => !(field in settings)).map((field) => [field, undefined]));
  const written = await store.put(
    {
      instanceId: id,
      pluginId: id,
      enabled: true,
      settings: { ...(current?.settings ?? {}), ...keptSecrets, ...settings },
      ...(current === null ? { isolation: config.plugins.defaultIsolation } : {}),
    },
    { actor: MIGRATE_CONFIG_ACTOR, secretFields, expectedVersion: current?.version ?? 0 },
  );
  io.stdout.write(
    current === null
      ? `backup: no configuration of "${id}" was stored before; --rollback will remove it\n`
      : `backup: the previous configuration of "${id}" is kept as version ${current.version} (undo: faxbot migrate-config --rollback)\n`,
  );
  io.stdout.write(`wrote: "${id}" version ${written.version} to ${store.location} (fields: ${Object.keys(settings).join(', ') || 'none'})\n`);
  io.stdout.write(
    'next: set FEATURE_V3_PLUGINS=true to run plugins from the config store. Variables that stay set keep overriding it (locked fields);\n' +
      '      remove them once the store holds the configuration. FEATURE_V3_PLUGINS=false returns to the environment alone.\n',
  );
  return 0;
}

async function rollback(store: PluginConfigStore, id: string, io: CommandIo): Promise<number> {
  const versions = await store.history(id);
  if (versions.length === 0) throw new CommandFailure(`no configuration of "${id}" is stored in ${store.location}: nothing to roll back`);
  const last = versions.find((entry) => entry.updatedBy === MIGRATE_CONFIG_ACTOR || entry.updatedBy === MIGRATE_CONFIG_ROLLBACK_ACTOR);
  if (last === undefined) {
    throw new CommandFailure(`none of the kept versions of "${id}" (${versions.map((entry) => entry.version).join(', ')}) was written by migrate-config --apply`);
  }
  if (last.updatedBy === MIGRATE_CONFIG_ROLLBACK_ACTOR) {
    io.stdout.write(`already rolled back: version ${last.version} of "${id}" restored the configuration from before the last --apply\n`);
    return 0;
  }
  const later = versions.filter((entry) => entry.version > last.version).map((entry) => entry.version);
  const before = versions.find((entry) => entry.version === last.version - 1);
  if (before !== undefined) {
    const restored = await store.rollback(id, { actor: MIGRATE_CONFIG_ROLLBACK_ACTOR, toVersion: before.version });
    if (later.length > 0) io.stderr.write(`note: versions ${later.join(', ')} of "${id}", saved after the --apply, are replaced too (they stay in the history)\n`);
    io.stdout.write(`rolled back: "${id}" version ${before.version} restored as version ${restored.version} in ${store.location}\n`);
    return 0;
  }
  if (last.version === 1) {
    await store.remove(id, { actor: MIGRATE_CONFIG_ROLLBACK_ACTOR });
    if (later.length > 0) io.stderr.write(`note: versions ${later.join(', ')} of "${id}", saved after the --apply, are removed with it\n`);
    io.stdout.write(`rolled back: removed "${id}" from ${store.location} (--apply had created it)\n`);
    return 0;
  }
  throw new CommandFailure(`version ${last.version - 1} of "${id}", from before the --apply, is no longer kept (the store keeps the newest 10 replaced versions)`);
}

/**
 * `faxbot migrate-config --dry-run | --apply | --rollback`: moves the FAX_BACKEND plugin's
 * environment configuration into the config store, or undoes that. Returns the exit code: 0 done,
 * 2 usage error, 1 failure (with a message on stderr). `extraPluginRoots` are searched after
 * FAXBOT_PLUGIN_PATH, like the host's extra roots.
 *
 * @example
 * process.exitCode = await migrateConfigCommand(argv.slice(1), process.env, process);
 */
export async function migrateConfigCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CommandIo,
  options: { extraPluginRoots?: string[] } = {},
): Promise<number> {
  const mode = parseMode(argv);
  if (mode === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (mode === null) {
    io.stderr.write(`faxbot migrate-config: choose exactly one of --dry-run, --apply, --rollback\n\n${USAGE}`);
    return 2;
  }
  let db: Database | undefined;
  try {
    const config = loadConfig(env);
    const manifest = await findManifest(config, options.extraPluginRoots ?? []);
    if (mode === 'dry-run') return dryRun(manifest, config, io);

    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    // The key first: a key problem should stop the command before it touches the database.
    const keyFile = join(config.dataDir, SECRET_KEY_FILE_NAME);
    const { key, source } = await loadSecretKey({ envValue: config.plugins.secretKey, keyFile });
    if (source === 'created') {
      io.stderr.write(`created the secret key ${keyFile} (mode 0600): back it up with the data; stored secrets cannot be decrypted without it\n`);
    }
    if (config.plugins.configPath === undefined) {
      db = await openDatabase({
        ...resolveDatabaseOptions({ DATABASE_URL: config.databaseUrl }, config.dataDir),
        ...(config.databaseSchema === undefined ? {} : { postgresSchema: config.databaseSchema }),
      });
    }
    const store = createPluginConfigStore({
      ...(db === undefined ? {} : { db }),
      ...(config.plugins.configPath === undefined ? {} : { configPath: config.plugins.configPath }),
      secretBox: new SecretBox(key),
      // Audit lines (one per change, never values) go to stderr with the CLI's other diagnostics.
      logger: createLogger({ level: config.logLevel, destination: io.stderr, base: { service: 'faxbot-cli' } }),
    });
    return mode === 'apply' ? await apply(store, manifest, config, io) : await rollback(store, manifest.id, io);
  } catch (error) {
    io.stderr.write(`faxbot migrate-config: ${scrubText(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  } finally {
    await db?.close().catch(() => undefined);
  }
}
