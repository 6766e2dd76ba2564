import type { PluginPackageInfo, ResolvedPluginManifest } from '@faxbot/plugin-sdk';

/** What discovery decided about a package. Only `discovered` packages may ever be imported. */
export type PackageState = 'discovered' | 'blocked' | 'incompatible' | 'invalid';

/** Where one configured instance of a plugin stands. */
export type InstanceState = 'configured' | 'starting' | 'running' | 'degraded' | 'failed' | 'stopped';

/** Either kind of state, as the admin API reports it. `blocked`, `incompatible`, `invalid`, `degraded` and `failed` carry a reason. */
export type PluginState = PackageState | InstanceState;

/** Where a plugin instance's code runs; chosen by the operator, never by the plugin. */
export type IsolationTier = 'in-process' | 'worker' | 'process';

/** A plugin package found on disk. */
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
  state: PackageState;
  reason: string | null;
}
