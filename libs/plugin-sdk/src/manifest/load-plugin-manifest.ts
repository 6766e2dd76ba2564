import { readFile } from 'node:fs/promises';
import { manifestVersionProblem, readPluginPackageJson, resolveInsidePackage } from '@faxbot/plugin-packages';
import type { PluginManifest } from './plugin-manifest';
import { compileConfigSchema } from './config-schema';
import { validateManifest } from './validate-manifest';

/** A manifest whose `configSchema` file, if any, has been read and inlined. */
export type ResolvedPluginManifest = Omit<PluginManifest, 'configSchema'> & { configSchema?: Record<string, unknown> };

/** The parts of a plugin's package.json the host checks besides the manifest. */
export interface PluginPackageInfo {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  engines: Record<string, string>;
}

/** Outcome of {@link loadPluginManifest}. */
export type LoadedPluginManifest =
  | { ok: true; manifest: ResolvedPluginManifest; pkg: PluginPackageInfo }
  | { ok: false; errors: string[]; pkg: PluginPackageInfo | null; id: string | null };

function record(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

/**
 * Reads a plugin package's `package.json`, validates its `faxbot` manifest and inlines a
 * `configSchema` given as a file path — all without importing plugin code. This is what the host
 * runs at discovery; plugin authors can run it in their tests.
 *
 * @example
 * const loaded = await loadPluginManifest(__dirname + '/..');
 * expect(loaded.ok).toBe(true);
 */
export async function loadPluginManifest(packageDir: string): Promise<LoadedPluginManifest> {
  const read = await readPluginPackageJson(packageDir);
  if (!read.ok) return { ok: false, errors: [read.error], pkg: null, id: null };
  const { raw, name, version, faxbot, id } = read.pkg;
  const pkg: PluginPackageInfo = {
    name,
    version,
    dependencies: record(raw['dependencies']),
    optionalDependencies: record(raw['optionalDependencies']),
    peerDependencies: record(raw['peerDependencies']),
    engines: record(raw['engines']),
  };
  const validation = validateManifest(faxbot);
  if (!validation.ok) return { ok: false, errors: validation.errors, pkg, id };
  const { configSchema, ...rest } = validation.manifest;
  const versionProblem = manifestVersionProblem(rest.version, pkg.version);
  if (versionProblem !== null) return { ok: false, errors: [versionProblem], pkg, id };
  let schema = configSchema as Record<string, unknown> | undefined;
  if (typeof configSchema === 'string') {
    try {
      schema = JSON.parse(await readFile(await resolveInsidePackage(packageDir, configSchema), 'utf8')) as Record<string, unknown>;
      compileConfigSchema(schema);
    } catch (error) {
      return { ok: false, errors: [`faxbot.configSchema: ${(error as Error).message}`], pkg, id };
    }
  }
  return { ok: true, manifest: schema === undefined ? rest : { ...rest, configSchema: schema }, pkg };
}
