import { lstat, mkdir, readFile, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { validateManifest } from '@faxbot/plugin-sdk';
import { computeIntegrity, findAllowlistEntry, integrityEquals, readInstalledIntegrity, type Allowlist, type AllowlistEntry } from '@faxbot/plugin-packages';
import { SDK_PACKAGE } from '../compatibility/check-compatibility';
import { readHostSdk } from '../compatibility/host-sdk';
import { recordInstall } from './install-record';
import { PluginInstallError } from './plugin-install.error';
import { parsePluginSpec } from './plugin-spec';
import { downloadTarball, fetchPackument } from './registry-client';
import { runNpmInstall } from './run-npm-install';
import { readPackageJsonFromTarball } from './tarball-manifest';

/** Folder below `FAX_DATA_DIR` that `faxbot plugins install` installs into (an npm project). */
export function installedPluginsDir(dataDir: string): string {
  return join(dataDir, 'plugins-installed');
}

/** The `node_modules` of the install folder: add it to the plugin host's discovery roots. */
export function installedPluginsRoot(dataDir: string): string {
  return join(installedPluginsDir(dataDir), 'node_modules');
}

/** Options of {@link installPlugin}. */
export interface InstallPluginOptions {
  /** `name@version`, version exact. */
  spec: string;
  allowlist: Allowlist;
  registryUrl: string;
  /** npm project folder to install into, usually `installedPluginsDir(dataDir)`. */
  pluginDir: string;
  /** `FEATURE_PLUGIN_INSTALL`; nothing happens unless true. */
  featureEnabled: boolean;
  /** Default 50 MiB. */
  maxTarballBytes?: number;
  /** Folder linked as `node_modules/@faxbot/plugin-sdk` so plugins load the host's SDK; null skips. Default: the host's SDK. */
  hostSdkDir?: string | null;
  npmCommand?: string;
  /** Environment for npm; default this process's. */
  npmEnv?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

/** A completed install. `warnings` are worth showing the operator but did not stop the install. */
export interface InstallResult {
  name: string;
  version: string;
  integrity: string;
  installedAt: string;
  /** Where the package now lives. */
  packageDir: string;
  /** The verified tarball kept for reinstalls (`npm install` in `pluginDir` uses it). */
  tarballPath: string;
  warnings: string[];
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Where an install keeps the verified tarball of `name@version` (named as `npm pack` names it). */
export function keptTarballPath(pluginDir: string, name: string, version: string): string {
  return join(pluginDir, '.tarballs', `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
}

/** Refuses a tarball whose package.json is not the package the allowlist entry approved. */
function checkTarballPackage(pkg: Record<string, unknown>, entry: AllowlistEntry): string[] {
  const spec = `${entry.name}@${entry.version}`;
  if (pkg['name'] !== entry.name || pkg['version'] !== entry.version) {
    throw new PluginInstallError('PACKAGE_MISMATCH', `the tarball for ${spec} contains ${String(pkg['name'])}@${String(pkg['version'])}`);
  }
  const manifest = validateManifest(pkg['faxbot']);
  if (!manifest.ok) throw new PluginInstallError('PACKAGE_MISMATCH', `${spec} has no valid faxbot manifest: ${manifest.errors.join('; ')}`);
  if (manifest.manifest.id !== entry.id || manifest.manifest.kind !== entry.kind) {
    throw new PluginInstallError(
      'PACKAGE_MISMATCH',
      `${spec} declares id "${manifest.manifest.id}" kind "${manifest.manifest.kind}", the allowlist expects id "${entry.id}" kind "${entry.kind}"`,
    );
  }
  const warnings: string[] = [];
  const scripts = Object.keys((pkg['scripts'] as Record<string, unknown> | undefined) ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name));
  if (scripts.length > 0) warnings.push(`${spec} declares install scripts (${scripts.join(', ')}); they were not run`);
  const dependencies = Object.keys((pkg['dependencies'] as Record<string, unknown> | undefined) ?? {});
  if (dependencies.length > 0) {
    warnings.push(`${spec} has ${dependencies.length} runtime dependencies (${dependencies.join(', ')}); npm resolved them from the registry, they are not pinned by the allowlist`);
  }
  return warnings;
}

async function ensureProject(pluginDir: string): Promise<void> {
  await mkdir(join(pluginDir, '.tarballs'), { recursive: true, mode: 0o700 });
  const manifest = join(pluginDir, 'package.json');
  try {
    await writeFile(manifest, `${JSON.stringify({ private: true, name: 'faxbot-installed-plugins' }, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Removes our SDK link (never a real folder) so npm does not prune or trip over it. */
async function unlinkSdk(link: string): Promise<void> {
  const stat = await lstat(link).catch(() => null);
  if (stat?.isSymbolicLink()) await unlink(link);
}

async function verifyInstalled(pluginDir: string, entry: AllowlistEntry): Promise<string> {
  const packageDir = join(pluginDir, 'node_modules', ...entry.name.split('/'));
  const spec = `${entry.name}@${entry.version}`;
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8').catch(() => 'null')) as Record<string, unknown> | null;
  if (pkg === null) throw new PluginInstallError('NPM_FAILED', `npm finished but ${packageDir} has no package.json`);
  checkTarballPackage(pkg, entry);
  const recorded = await readInstalledIntegrity(pluginDir, entry.name);
  if (recorded === null || !integrityEquals(recorded, entry.integrity)) {
    throw new PluginInstallError('NPM_FAILED', `npm recorded integrity ${recorded ?? 'none'} for ${spec}, expected ${entry.integrity}`);
  }
  return packageDir;
}

/**
 * Installs one allowlisted plugin package: refuses unless the feature is on and `name@version` is
 * in the allowlist (before any network call); downloads the tarball into memory; refuses unless
 * its sha512 equals the pinned integrity and its package.json names the approved package, id and
 * kind — all **before anything is written**; then keeps the tarball under `.tarballs/`, runs
 * `npm install --ignore-scripts` on it, checks what npm installed, links the host's SDK and
 * records the install in `faxbot-installed.json`.
 *
 * @throws PluginInstallError with a code naming the step that refused.
 */
export async function installPlugin(options: InstallPluginOptions): Promise<InstallResult> {
  if (!options.featureEnabled) {
    throw new PluginInstallError('FEATURE_DISABLED', 'plugin installation is turned off; set FEATURE_PLUGIN_INSTALL=true to use `faxbot plugins install`');
  }
  const { name, version } = parsePluginSpec(options.spec);
  const entry = findAllowlistEntry(options.allowlist, name, version);
  if (entry === undefined) {
    const pinned = options.allowlist.plugins.filter((item) => item.name === name).map((item) => item.version);
    throw new PluginInstallError(
      'NOT_ALLOWLISTED',
      `${name}@${version} is not in the allowlist${pinned.length > 0 ? ` (pinned versions: ${pinned.join(', ')})` : ''}; add an entry with its integrity first`,
    );
  }

  const packument = await fetchPackument(options.registryUrl, name);
  const published = packument.versions[version];
  if (published?.dist?.tarball === undefined) {
    throw new PluginInstallError('VERSION_NOT_FOUND', `registry ${options.registryUrl} has no version ${version} of "${name}"`);
  }
  const bytes = await downloadTarball(published.dist.tarball, { maxBytes: options.maxTarballBytes });
  const integrity = computeIntegrity(bytes);
  const registrySays = published.dist.integrity;
  const registryDisagrees = registrySays !== undefined && !integrityEquals(registrySays, integrity);
  if (!integrityEquals(integrity, entry.integrity)) {
    throw new PluginInstallError(
      'INTEGRITY_MISMATCH',
      `refused ${name}@${version}: the downloaded tarball is ${integrity}, the allowlist pins ${entry.integrity}` +
        (registryDisagrees ? `; the registry's dist.integrity (${registrySays}) does not match the download either` : '') +
        '. Nothing was extracted.',
    );
  }
  const warnings = registryDisagrees ? [`registry dist.integrity for ${name}@${version} (${registrySays}) does not match the tarball it served`] : [];
  warnings.push(...checkTarballPackage(readPackageJsonFromTarball(bytes), entry));

  // Verified: only now does anything touch the disk.
  const { pluginDir } = options;
  await ensureProject(pluginDir);
  const tarballPath = keptTarballPath(pluginDir, name, version);
  await writeFile(`${tarballPath}.tmp`, bytes, { mode: 0o600 });
  await rename(`${tarballPath}.tmp`, tarballPath);

  const sdkLink = join(pluginDir, 'node_modules', ...SDK_PACKAGE.split('/'));
  await unlinkSdk(sdkLink);
  await runNpmInstall({ prefix: pluginDir, tarballPath, registryUrl: options.registryUrl, npmCommand: options.npmCommand, env: options.npmEnv });
  const packageDir = await verifyInstalled(pluginDir, entry);
  const hostSdkDir = options.hostSdkDir === undefined ? readHostSdk().dir : options.hostSdkDir;
  if (hostSdkDir !== null && (await lstat(sdkLink).catch(() => null)) === null) {
    await mkdir(dirname(sdkLink), { recursive: true });
    await symlink(hostSdkDir, sdkLink, 'junction');
  }

  const installedAt = (options.now?.() ?? new Date()).toISOString();
  await recordInstall(pluginDir, { name, version, integrity, installedAt });
  return { name, version, integrity, installedAt, packageDir, tarballPath, warnings };
}
