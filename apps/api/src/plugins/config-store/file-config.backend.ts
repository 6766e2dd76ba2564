import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AsyncMutex } from './async-mutex';
import { writeFileAtomic } from './atomic-write-file';
import { ConfigStoreError } from './config-store.error';
import type { ConfigStorageBackend } from './config-storage.backend';
import { KEPT_VERSIONS, type PluginInstanceConfig } from './plugin-instance-config';
import { checkConfigFile, checkStoredConfig, fromStoredJson, toStoredJson, type ConfigFileDocument } from './stored-config.schema';

// One lock per file for the whole process, so two stores opened on the same path (the API and a CLI
// command run in-process, tests) still serialise their read-modify-write cycles.
const locks = new Map<string, AsyncMutex>();

function lockFor(path: string): AsyncMutex {
  let lock = locks.get(path);
  if (lock === undefined) {
    lock = new AsyncMutex();
    locks.set(path, lock);
  }
  return lock;
}

function emptyDocument(): ConfigFileDocument {
  return { formatVersion: 1, instances: {}, history: {} };
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * {@link ConfigStorageBackend} on one JSON file (FAXBOT_CONFIG_PATH):
 * `{ "formatVersion": 1, "instances": { id: current }, "history": { id: [newest … oldest] } }`.
 * Every call reads and checks the whole file, so a hand edit is picked up or refused, never half
 * applied. Writes replace the file atomically (temporary file, fsync, rename, directory fsync) with
 * mode 0600, one at a time per process. Run one writing process per file: the lock is in-process.
 */
export class FileConfigBackend implements ConfigStorageBackend {
  readonly location: string;

  constructor(path: string) {
    this.location = resolve(path);
  }

  async get(instanceId: string): Promise<PluginInstanceConfig | null> {
    const current = (await this.load()).instances[instanceId];
    return current === undefined ? null : fromStoredJson(current);
  }

  async list(): Promise<PluginInstanceConfig[]> {
    return Object.values(sortedByKey((await this.load()).instances)).map(fromStoredJson);
  }

  async history(instanceId: string): Promise<PluginInstanceConfig[]> {
    return ((await this.load()).history[instanceId] ?? []).map(fromStoredJson);
  }

  async write(next: PluginInstanceConfig, expectedVersion: number | null): Promise<boolean> {
    const json = checkStoredConfig(toStoredJson(next), `plugin config "${next.instanceId}" version ${next.version}`);
    return lockFor(this.location).runExclusive(async () => {
      const document = await this.load();
      const current = document.instances[next.instanceId];
      if ((current?.version ?? null) !== expectedVersion) return false;
      const history = current === undefined ? [] : [current, ...(document.history[next.instanceId] ?? [])].slice(0, KEPT_VERSIONS);
      document.instances[next.instanceId] = json;
      if (history.length > 0) document.history[next.instanceId] = history;
      else delete document.history[next.instanceId];
      await this.save(document);
      return true;
    });
  }

  async remove(instanceId: string): Promise<PluginInstanceConfig | null> {
    return lockFor(this.location).runExclusive(async () => {
      const document = await this.load();
      const current = document.instances[instanceId];
      if (current === undefined) return null;
      delete document.instances[instanceId];
      delete document.history[instanceId];
      await this.save(document);
      return fromStoredJson(current);
    });
  }

  /** Reads and checks the file; a missing file is an empty store, anything unreadable is refused. */
  private async load(): Promise<ConfigFileDocument> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return emptyDocument();
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ConfigStoreError(
        'CORRUPT',
        `${this.location} is not valid JSON; nothing was changed: restore it from a backup or fix it, the store never resets it`,
        { cause: error },
      );
    }
    return checkConfigFile(parsed, this.location);
  }

  private async save(document: ConfigFileDocument): Promise<void> {
    const sorted: ConfigFileDocument = {
      formatVersion: 1,
      instances: sortedByKey(document.instances),
      history: sortedByKey(document.history),
    };
    // Check what is about to be written with the same rules as a read, so the store cannot write a
    // file it would later refuse.
    checkConfigFile(JSON.parse(JSON.stringify(sorted)), this.location);
    await mkdir(dirname(this.location), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.location, `${JSON.stringify(sorted, null, 2)}\n`, { mode: 0o600 });
  }
}
