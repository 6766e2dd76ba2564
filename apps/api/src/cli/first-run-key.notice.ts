import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Hands the first-run admin key to a person, once. On a terminal it is printed; otherwise
 * (systemd, docker logs, CI) printing would put a secret into log storage, so it is written to a
 * file only the owner can read, and the notice says where.
 */
export async function firstRunKeyNotice(token: string, dataDir: string, interactive: boolean): Promise<string> {
  if (interactive) {
    return [
      '  Admin API key (shown once — store it now; only its hash is kept):',
      `    ${token}`,
    ].join('\n');
  }
  const path = join(dataDir, 'first-run-admin-key.txt');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  // mode applies only when the file is created; a leftover file must not keep wider rights.
  await chmod(path, 0o600);
  return `  Admin API key written to ${path} (mode 0600). Read it, store it safely, then delete the file.`;
}
