import { gateInstalledPackage, gatePackage, type GateCandidate, type GateHost, type GateVerdict, type PackageGateContext } from '@faxbot/plugin-packages';

/** How the API names itself in the gate's reasons. */
const API_HOST: GateHost = { packageName: '@faxbot/api', devModeVariable: 'FAXBOT_PLUGIN_DEV_MODE' };

/** Everything the API's gate decides with (`bundled` are `@faxbot/api`'s dependencies, see `readBundledPackages`). */
export type GateContext = Omit<PackageGateContext, 'host'>;

/**
 * Decides whether a discovered backend plugin may be imported: an exact allowlist match (name,
 * version, id, kind and, when the lockfile records it, integrity), the bundled copy of an
 * `@faxbot/api` dependency, or a workspace folder in dev mode (`FAXBOT_PLUGIN_DEV_MODE`).
 *
 * @example
 * const verdict = gatePlugin(plugin, { allowlist, bundled, devMode: false });
 * if (verdict.verdict === 'blocked') log.warn(verdict.reason);
 */
export function gatePlugin(candidate: GateCandidate, context: GateContext): GateVerdict {
  return gatePackage(candidate, { ...context, host: API_HOST });
}

/**
 * {@link gatePlugin} for a package found on disk: its installed integrity is read from the
 * lockfile of the `node_modules` it sits in first. An unreadable lockfile blocks the plugin.
 */
export function gateInstalledPlugin(candidate: GateCandidate, context: Omit<GateContext, 'installedIntegrity'>): Promise<GateVerdict> {
  return gateInstalledPackage(candidate, { ...context, host: API_HOST });
}
