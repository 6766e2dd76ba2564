import { sep } from 'node:path';
import semver from 'semver';
import type { Allowlist, PluginKind } from './allowlist';
import { integrityEquals } from './integrity';

/** What the gate needs to know about a discovered plugin package. */
export interface GateCandidate {
  packageName: string;
  version: string;
  /** Manifest id (for an invalid manifest, whatever discovery reported). */
  id: string;
  kind: PluginKind;
  /** Real path of the package folder. */
  dir: string;
}

/** A dependency of the host package: the range it declares and the real folder Node resolves it to. */
export interface BundledPackage {
  range: string;
  /** Real path of the copy the host itself resolves; null when it is not installed. */
  dir: string | null;
}

/** Names the host in the gate's reasons, so an operator knows which setting to change. */
export interface GateHost {
  /** The host's npm package, e.g. `@faxbot/api`. */
  packageName: string;
  /** The variable that turns dev mode on, e.g. `FAXBOT_PLUGIN_DEV_MODE`. */
  devModeVariable: string;
}

/** Everything the gate decides with. */
export interface PackageGateContext {
  host: GateHost;
  allowlist: Allowlist;
  /** The host package's dependencies by package name (see `readBundledPackages`). */
  bundled: Readonly<Record<string, BundledPackage>>;
  /** Dev mode: also allow plugins in workspace folders. */
  devMode: boolean;
  /** The package's integrity from the hidden lockfile, when known (see `readInstalledIntegrity`). */
  installedIntegrity?: string | null;
}

/** The gate's decision: allowed and why, or blocked with a reason that names what is missing. */
export type GateVerdict = { verdict: 'allowed'; via: 'allowlist' | 'bundled' | 'dev-mode' } | { verdict: 'blocked'; reason: string };

function isUnderNodeModules(dir: string): boolean {
  return dir.split(sep).includes('node_modules');
}

/**
 * Decides whether a discovered plugin may be loaded. Allowed when:
 * - an allowlist entry matches name, exact version, id and kind, and the installed integrity
 *   (when a lockfile records it) equals the pinned one; a pinned package whose integrity differs
 *   is blocked outright, because that is what tampering looks like;
 * - or it is bundled: a dependency of the host whose version satisfies the declared range and
 *   whose folder is the very copy the host resolves (a same-named package elsewhere is not);
 * - or dev mode is on and the package lives in a workspace folder, not under `node_modules`.
 *
 * @example
 * const verdict = gatePackage(plugin, { host, allowlist, bundled, devMode: false });
 * if (verdict.verdict === 'blocked') log.warn(verdict.reason);
 */
export function gatePackage(candidate: GateCandidate, context: PackageGateContext): GateVerdict {
  const { packageName: name, version } = candidate;
  const missing: string[] = [];

  const pinned = context.allowlist.plugins.filter((entry) => entry.name === name);
  const entry = pinned.find((item) => item.version === version);
  if (entry === undefined) {
    missing.push(
      pinned.length === 0
        ? `${name}@${version} is not in the allowlist`
        : `the allowlist pins ${name} at ${pinned.map((item) => item.version).join(', ')}, not ${version}`,
    );
  } else if (entry.id !== candidate.id) {
    missing.push(`the allowlist entry for ${name}@${version} expects id "${entry.id}", the package declares "${candidate.id}"`);
  } else if (entry.kind !== candidate.kind) {
    missing.push(`the allowlist entry for ${name}@${version} expects kind "${entry.kind}", the package declares "${candidate.kind}"`);
  } else if (context.installedIntegrity != null && !integrityEquals(context.installedIntegrity, entry.integrity)) {
    return { verdict: 'blocked', reason: `integrity differs from allowlist: installed ${context.installedIntegrity}, pinned ${entry.integrity}` };
  } else {
    return { verdict: 'allowed', via: 'allowlist' };
  }

  const bundled = context.bundled[name];
  if (bundled !== undefined) {
    if (!semver.satisfies(version, bundled.range)) missing.push(`not the bundled version (${context.host.packageName} depends on ${name}@${bundled.range})`);
    else if (bundled.dir !== candidate.dir) missing.push(`not the bundled copy of ${name} (that is ${bundled.dir ?? 'not installed'})`);
    else return { verdict: 'allowed', via: 'bundled' };
  }

  const inWorkspace = !isUnderNodeModules(candidate.dir);
  if (context.devMode && inWorkspace) return { verdict: 'allowed', via: 'dev-mode' };
  if (inWorkspace) missing.push(`workspace plugins load only in development mode (${context.host.devModeVariable}=true)`);
  return { verdict: 'blocked', reason: missing.join('; ') };
}
