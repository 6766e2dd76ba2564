import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCompatibility, SDK_PACKAGE, type CompatibilityPackageJson } from './check-compatibility';
import { resolveSdkFrom } from './host-sdk';

/** The host a plugin is checked against; pass another SDK version to ask "after an upgrade?". */
export interface DoctorHost {
  sdkVersion: string;
  /** Real folder of the host's SDK, for the single-copy check; null skips it. */
  sdkDir: string | null;
  supportedApiVersions: readonly number[];
  nodeVersion: string;
}

/** A discovered package as far as the doctor needs it. */
export interface DoctorSubject {
  dir: string;
  manifest: { apiVersion: number } | null;
  state: string;
  reason: string | null;
}

/**
 * Everything that would stop a discovered plugin from loading on `host`, one readable line each
 * (empty when it would load): an invalid manifest, the compatibility rules of
 * `checkCompatibility`, and whether the plugin would resolve the host's own SDK copy.
 */
export async function diagnosePlugin(plugin: DoctorSubject, host: DoctorHost): Promise<string[]> {
  if (plugin.manifest === null) return [`manifest invalid: ${plugin.reason ?? 'unreadable'}`];
  const problems: string[] = [];
  if (plugin.state === 'invalid' && plugin.reason !== null) problems.push(plugin.reason);
  let packageJson: CompatibilityPackageJson;
  try {
    packageJson = JSON.parse(await readFile(join(plugin.dir, 'package.json'), 'utf8')) as CompatibilityPackageJson;
  } catch (error) {
    return [...problems, `package.json unreadable: ${(error as Error).message}`];
  }
  const compatibility = checkCompatibility({
    manifest: plugin.manifest,
    packageJson,
    hostSdkVersion: host.sdkVersion,
    supportedApiVersions: host.supportedApiVersions,
    nodeVersion: host.nodeVersion,
  });
  if (!compatibility.ok) problems.push(...compatibility.reasons);
  if (host.sdkDir !== null) {
    const resolved = await resolveSdkFrom(plugin.dir);
    if (resolved === null) problems.push(`${SDK_PACKAGE} cannot be resolved from ${plugin.dir}`);
    else if (resolved !== host.sdkDir) problems.push(`resolves a second copy of ${SDK_PACKAGE} (${resolved}, host uses ${host.sdkDir})`);
  }
  return problems;
}
