import type { PluginPackageInfo, ResolvedPluginManifest } from '@faxbot/plugin-sdk';

/** Where a discovered plugin stands. `invalid` and `failed` always carry a reason. */
export type PluginState = 'discovered' | 'invalid' | 'starting' | 'running' | 'failed' | 'stopped';

/** A plugin package found on disk, before or after it was started. */
export interface DiscoveredPlugin {
  /** Manifest id; for invalid manifests the npm name stands in. */
  id: string;
  packageName: string;
  version: string;
  /** Real path of the package folder. */
  dir: string;
  manifest: ResolvedPluginManifest | null;
  /** package.json facts used for compatibility checks; null when it could not be read. */
  pkg: PluginPackageInfo | null;
  state: PluginState;
  reason: string | null;
}
