/** Why `installPlugin` refused or failed; each code names one step of the install. */
export type PluginInstallErrorCode =
  | 'FEATURE_DISABLED'
  | 'INVALID_SPEC'
  | 'NOT_ALLOWLISTED'
  | 'REGISTRY_UNREACHABLE'
  | 'PACKAGE_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'REGISTRY_ERROR'
  | 'TARBALL_TOO_LARGE'
  | 'TARBALL_INVALID'
  | 'INTEGRITY_MISMATCH'
  | 'PACKAGE_MISMATCH'
  | 'NPM_FAILED';

/**
 * A refused or failed plugin install. The message is meant for the operator running the CLI; it
 * names the package and what to do, and never contains secrets.
 */
export class PluginInstallError extends Error {
  constructor(
    readonly code: PluginInstallErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PluginInstallError';
  }
}
