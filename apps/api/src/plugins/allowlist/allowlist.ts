import { readAllowlistFile, type Allowlist } from '@faxbot/plugin-packages';
import { AllowlistError } from './allowlist.error';

/**
 * Reads `plugin-allowlist.json`. A missing file is an empty allowlist (only bundled plugins load);
 * a file that exists but is unreadable or invalid is an error, never silently empty, because an
 * allowlist that quietly allows nothing hides the mistake and one that allows everything is worse.
 *
 * @throws AllowlistError `ALLOWLIST_UNREADABLE` or `ALLOWLIST_INVALID`, with every reason.
 */
export async function loadAllowlist(path: string): Promise<Allowlist> {
  const read = await readAllowlistFile(path);
  if (read.ok) return read.allowlist;
  const code = read.problem === 'unreadable' ? 'ALLOWLIST_UNREADABLE' : 'ALLOWLIST_INVALID';
  throw new AllowlistError(code, path, read.reasons, read.cause === undefined ? undefined : { cause: read.cause });
}
