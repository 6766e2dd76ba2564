import semver from 'semver';
import { PluginInstallError } from './plugin-install.error';

const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * Splits `name@version` (`@scope/name@1.2.3` too). The version must be exact: installing is
 * pinned, so tags (`latest`) and ranges (`^1.2.0`) are refused.
 *
 * @throws PluginInstallError `INVALID_SPEC`
 */
export function parsePluginSpec(spec: string): { name: string; version: string } {
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at) : spec;
  const version = at > 0 ? spec.slice(at + 1) : '';
  if (!NAME.test(name) || name.length > 214) throw new PluginInstallError('INVALID_SPEC', `"${spec}" is not name@version (package name "${name}" is not valid)`);
  if (version === '') throw new PluginInstallError('INVALID_SPEC', `"${spec}" has no version; give the exact version, e.g. ${name}@1.2.3`);
  if (semver.valid(version) !== version) {
    throw new PluginInstallError('INVALID_SPEC', `"${version}" is not an exact version; plugins are installed pinned, e.g. ${name}@1.2.3`);
  }
  return { name, version };
}
