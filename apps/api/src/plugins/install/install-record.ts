import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File in the plugin install folder that lists what `faxbot plugins install` put there. */
export const INSTALL_RECORD_FILE = 'faxbot-installed.json';

/** One installed plugin package as recorded after its tarball was verified and installed. */
export interface InstalledPluginRecord {
  name: string;
  version: string;
  integrity: string;
  /** ISO 8601 time of the install. */
  installedAt: string;
}

interface RecordFile {
  version: 1;
  plugins: InstalledPluginRecord[];
}

/** The recorded installs in `pluginDir` (empty when nothing was installed yet). */
export async function readInstallRecords(pluginDir: string): Promise<InstalledPluginRecord[]> {
  try {
    const file = JSON.parse(await readFile(join(pluginDir, INSTALL_RECORD_FILE), 'utf8')) as Partial<RecordFile>;
    return Array.isArray(file.plugins) ? file.plugins : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Adds or replaces the record for `record.name` (one version of a package can be installed at a
 * time), writing the file atomically.
 */
export async function recordInstall(pluginDir: string, record: InstalledPluginRecord): Promise<void> {
  const plugins = (await readInstallRecords(pluginDir)).filter((item) => item.name !== record.name);
  plugins.push(record);
  plugins.sort((a, b) => a.name.localeCompare(b.name));
  const path = join(pluginDir, INSTALL_RECORD_FILE);
  const file: RecordFile = { version: 1, plugins };
  await writeFile(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}
