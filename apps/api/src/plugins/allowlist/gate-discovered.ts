import type { Allowlist, BundledPackage, GateVerdict } from '@faxbot/plugin-packages';
import { gateInstalledPlugin } from './plugin-gate';

/** A discovered package as far as the gate needs it (a `DiscoveredPlugin` fits). */
export interface GateSubject {
  id: string;
  packageName: string;
  version: string;
  dir: string;
  manifest: { kind: 'backend' | 'mcp' } | null;
}

/** Options of {@link gateDiscovered}. */
export interface GateDiscoveredOptions {
  allowlist: Allowlist;
  bundled: Readonly<Record<string, BundledPackage>>;
  devMode: boolean;
  /** Kind assumed for a package whose manifest could not be read: the host's own. */
  hostKind: 'backend' | 'mcp';
}

/**
 * Gates every discovered package, in order, reading each one's installed integrity from the
 * lockfile next to it. Invalid manifests are gated too, so a list shows both problems at once.
 */
export async function gateDiscovered<T extends GateSubject>(plugins: readonly T[], options: GateDiscoveredOptions): Promise<Array<{ plugin: T; gate: GateVerdict }>> {
  const results: Array<{ plugin: T; gate: GateVerdict }> = [];
  for (const plugin of plugins) {
    const candidate = { packageName: plugin.packageName, version: plugin.version, id: plugin.id, kind: plugin.manifest?.kind ?? options.hostKind, dir: plugin.dir };
    results.push({ plugin, gate: await gateInstalledPlugin(candidate, options) });
  }
  return results;
}
