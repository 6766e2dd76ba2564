import { readAllowlistFile, type Allowlist } from '@faxbot/plugin-packages';
import { PluginSetupError } from './plugin-setup.error';

/**
 * Reads the allowlist (the API's `plugin-allowlist.json` format; this server uses its `kind: "mcp"`
 * entries). A missing file is an empty allowlist; a file that exists but cannot be read or is
 * invalid is an error, so a typo never silently changes what may load.
 *
 * @throws PluginSetupError `ALLOWLIST_UNREADABLE` or `ALLOWLIST_INVALID`.
 */
export async function loadAllowlist(path: string): Promise<Allowlist> {
  const read = await readAllowlistFile(path);
  if (read.ok) return read.allowlist;
  const code = read.problem === 'unreadable' ? 'ALLOWLIST_UNREADABLE' : 'ALLOWLIST_INVALID';
  throw new PluginSetupError(code, path, read.reasons, read.cause === undefined ? undefined : { cause: read.cause });
}
