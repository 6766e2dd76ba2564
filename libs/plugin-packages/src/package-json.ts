import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A plugin package's `package.json` as the manifest loaders read it. */
export interface PluginPackageJson {
  /** The whole parsed file. */
  raw: Record<string, unknown>;
  /** `name`, or the folder when the file has none. */
  name: string;
  /** `version`, or `0.0.0` when the file has none. */
  version: string;
  /** The `faxbot` key: the plugin manifest, not validated yet. */
  faxbot: Record<string, unknown> | undefined;
  /** `faxbot.id` when it is a string, so a broken manifest can still be reported under its id. */
  id: string | null;
}

/**
 * Reads `<packageDir>/package.json`. A missing or unparsable file is an error sentence starting
 * with `package.json:`, never an exception, so discovery can report it and move on.
 *
 * @example
 * const read = await readPluginPackageJson(dir);
 * if (!read.ok) return { ok: false, errors: [read.error] };
 */
export async function readPluginPackageJson(packageDir: string): Promise<{ ok: true; pkg: PluginPackageJson } | { ok: false; error: string }> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, error: `package.json: ${(error as Error).message}` };
  }
  const faxbot = raw['faxbot'] as Record<string, unknown> | undefined;
  return {
    ok: true,
    pkg: {
      raw,
      name: typeof raw['name'] === 'string' ? raw['name'] : packageDir,
      version: typeof raw['version'] === 'string' ? raw['version'] : '0.0.0',
      faxbot,
      id: typeof faxbot?.['id'] === 'string' ? faxbot['id'] : null,
    },
  };
}

/**
 * The error when a manifest names a `version` other than its package's, or null. The manifest's
 * `version` is optional; when present it must agree, so a stale copy is caught.
 */
export function manifestVersionProblem(manifestVersion: string | undefined, packageVersion: string): string | null {
  return manifestVersion !== undefined && manifestVersion !== packageVersion ? `faxbot.version ${manifestVersion} differs from the package version ${packageVersion}` : null;
}
