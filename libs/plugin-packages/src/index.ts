export { nodeModulesRoots } from './node-modules-roots';
export { findPluginPackages, keepFirstById, type IdentifiedPlugin, type PluginPackageCandidate } from './find-plugin-packages';
export { readPluginPackageJson, manifestVersionProblem, type PluginPackageJson } from './package-json';
export { resolveInsidePackage, entryProblem } from './resolve-inside-package';
export { describeSchemaErrors } from './describe-schema-errors';
export { readJsonFile, type JsonFileRead } from './json-file';
export {
  ALLOWLIST_SCHEMA,
  EMPTY_ALLOWLIST,
  findAllowlistEntry,
  parseAllowlist,
  readAllowlistFile,
  type Allowlist,
  type AllowlistEntry,
  type AllowlistParse,
  type AllowlistRead,
  type PluginKind,
} from './allowlist';
export { computeIntegrity, integrityEquals, sha512DigestOf } from './integrity';
export { gatePackage, type BundledPackage, type GateCandidate, type GateHost, type GateVerdict, type PackageGateContext } from './package-gate';
export { gateInstalledPackage, installRootOf, readInstalledIntegrity } from './installed-integrity';
export { readBundledPackages } from './bundled-packages';
