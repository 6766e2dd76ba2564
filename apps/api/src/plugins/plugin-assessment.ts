import { realpath } from 'node:fs/promises';
import semver from 'semver';
import { readBundledPackages, type Allowlist } from '@faxbot/plugin-packages';
import { loadAllowlist } from './allowlist/allowlist';
import { gateInstalledPlugin } from './allowlist/plugin-gate';
import { checkCompatibility } from './compatibility/check-compatibility';
import { readHostSdk, resolveSdkFrom } from './compatibility/host-sdk';
import type { DiscoveredPlugin } from './plugin-state';

/** Inputs of {@link assessPlugins}. */
export interface AssessmentOptions {
  allowlistPath: string;
  devMode: boolean;
  apiPackageDir: string;
  supportedApiVersions: readonly number[];
}

/**
 * Second pass over discovered packages, still without importing code: the gate (allowlist,
 * bundled first-party plugins, development mode) turns packages `blocked`; the compatibility
 * checks (apiVersion, SDK peer range, exactly one SDK copy, engines.node) turn them
 * `incompatible`. An unreadable allowlist blocks everything rather than nothing.
 */
export async function assessPlugins(found: DiscoveredPlugin[], options: AssessmentOptions): Promise<DiscoveredPlugin[]> {
  let allowlist: Allowlist | null = null;
  let allowlistProblem: string | null = null;
  try {
    allowlist = await loadAllowlist(options.allowlistPath);
  } catch (error) {
    allowlistProblem = `allowlist unusable: ${(error as Error).message}`;
  }
  const bundled = await readBundledPackages(options.apiPackageDir);
  const hostSdk = readHostSdk();
  const assessed: DiscoveredPlugin[] = [];
  for (const plugin of found) {
    if (plugin.state !== 'discovered' || plugin.manifest === null || plugin.pkg === null) {
      assessed.push(plugin);
      continue;
    }
    if (allowlist === null) {
      assessed.push({ ...plugin, state: 'blocked', reason: allowlistProblem });
      continue;
    }
    const gate = await gateInstalledPlugin(
      { packageName: plugin.packageName, version: plugin.version, id: plugin.id, kind: plugin.manifest.kind, dir: plugin.dir },
      { allowlist, bundled, devMode: options.devMode },
    );
    if (gate.verdict === 'blocked') {
      assessed.push({ ...plugin, state: 'blocked', reason: gate.reason });
      continue;
    }
    const reasons: string[] = [];
    const compatibility = checkCompatibility({
      manifest: plugin.manifest,
      packageJson: plugin.pkg,
      hostSdkVersion: hostSdk.version,
      supportedApiVersions: options.supportedApiVersions,
      nodeVersion: process.version,
    });
    if (!compatibility.ok) reasons.push(...compatibility.reasons);
    const nodeRange = plugin.manifest.requirements?.node;
    if (nodeRange !== undefined && !semver.satisfies(process.version, nodeRange)) reasons.push(`requirements.node ${nodeRange} is not met by Node ${process.version}`);
    // Exactly one SDK: the copy the plugin would load must be the host's own.
    const pluginSdk = await resolveSdkFrom(plugin.dir);
    if (pluginSdk !== null && (await realpath(pluginSdk)) !== hostSdk.dir) reasons.push(`loads its own copy of @faxbot/plugin-sdk (${pluginSdk}); it must use the host's`);
    assessed.push(reasons.length > 0 ? { ...plugin, state: 'incompatible', reason: reasons.join('; ') } : plugin);
  }
  return assessed;
}
