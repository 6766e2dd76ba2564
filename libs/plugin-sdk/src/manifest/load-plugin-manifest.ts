import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
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

/** Resolves `path` inside `packageDir`, refusing anything that ends up outside (symlinks included). */
export async function resolveInsidePackage(packageDir: string, path: string): Promise<string> {
  const root = await realpath(packageDir);
  const target = await realpath(resolve(root, path));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${path} resolves outside the package`);
  return target;
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
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, errors: [`package.json: ${(error as Error).message}`], pkg: null, id: null };
  }
  const pkg: PluginPackageInfo = {
    name: typeof raw['name'] === 'string' ? raw['name'] : packageDir,
    version: typeof raw['version'] === 'string' ? raw['version'] : '0.0.0',
    dependencies: record(raw['dependencies']),
    optionalDependencies: record(raw['optionalDependencies']),
    peerDependencies: record(raw['peerDependencies']),
    engines: record(raw['engines']),
  };
  const faxbot = raw['faxbot'] as Record<string, unknown> | undefined;
  const id = typeof faxbot?.['id'] === 'string' ? faxbot['id'] : null;
  const validation = validateManifest(faxbot);
  if (!validation.ok) return { ok: false, errors: validation.errors, pkg, id };
  const { configSchema, ...rest } = validation.manifest;
  if (rest.version !== undefined && rest.version !== pkg.version) {
    return { ok: false, errors: [`faxbot.version ${rest.version} differs from the package version ${pkg.version}`], pkg, id };
  }
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
