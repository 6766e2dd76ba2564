import semver from 'semver';

/** The SDK package every plugin must take from the host, never bring along. */
export const SDK_PACKAGE = '@faxbot/plugin-sdk';

/** The `package.json` fields compatibility depends on. */
export interface CompatibilityPackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: { node?: string };
}

/** Inputs of {@link checkCompatibility}; host facts are passed in so a check can target another host. */
export interface CompatibilityInput {
  manifest: { apiVersion: number };
  packageJson: CompatibilityPackageJson;
  /** Version of the `@faxbot/plugin-sdk` the host provides. */
  hostSdkVersion: string;
  supportedApiVersions: readonly number[];
  /** `process.version` of the host, e.g. `v20.19.0`. */
  nodeVersion: string;
}

/** Outcome of {@link checkCompatibility}: every reason at once, so one run shows them all. */
export type CompatibilityResult = { ok: true } | { ok: false; reasons: string[] };

/**
 * Would this plugin run on this host? Checks, without importing code: the manifest's apiVersion
 * is supported; `@faxbot/plugin-sdk` is a peer dependency whose range the host's SDK satisfies
 * (a hard error: package managers do not reliably enforce peers); the SDK is not a regular
 * dependency (that would load a second copy with its own tokens and error brand); and
 * `engines.node`, when present, accepts the host's Node.
 *
 * @example
 * const result = checkCompatibility({ manifest, packageJson, hostSdkVersion: '0.1.0', supportedApiVersions: [1], nodeVersion: process.version });
 */
export function checkCompatibility(input: CompatibilityInput): CompatibilityResult {
  const { manifest, packageJson, hostSdkVersion, supportedApiVersions, nodeVersion } = input;
  const reasons: string[] = [];

  if (!supportedApiVersions.includes(manifest.apiVersion)) {
    reasons.push(`apiVersion ${manifest.apiVersion} is not supported (host supports ${supportedApiVersions.join(', ')})`);
  }

  const peer = packageJson.peerDependencies?.[SDK_PACKAGE];
  if (peer === undefined) {
    reasons.push(`${SDK_PACKAGE} is not a peer dependency (declare "peerDependencies": { "${SDK_PACKAGE}": "^<version>" })`);
  } else if (semver.validRange(peer) === null) {
    reasons.push(`peer range ${SDK_PACKAGE}@"${peer}" is not a valid semver range`);
  } else if (!semver.satisfies(hostSdkVersion, peer)) {
    reasons.push(`needs ${SDK_PACKAGE}@${peer}, host provides ${hostSdkVersion}`);
  }

  for (const field of ['dependencies', 'optionalDependencies'] as const) {
    if (packageJson[field]?.[SDK_PACKAGE] !== undefined) {
      reasons.push(`${SDK_PACKAGE} is listed in ${field}; it must be a peer dependency only (a second copy would not share the host's tokens)`);
    }
  }

  const engine = packageJson.engines?.node;
  if (engine !== undefined) {
    if (semver.validRange(engine) === null) reasons.push(`engines.node "${engine}" is not a valid semver range`);
    else if (!semver.satisfies(nodeVersion, engine)) reasons.push(`engines.node requires ${engine}, host runs Node ${nodeVersion}`);
  }

  return reasons.length > 0 ? { ok: false, reasons } : { ok: true };
}
