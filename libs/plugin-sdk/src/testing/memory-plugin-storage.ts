import type { PluginStorage, PluginStoredObject } from '../contracts/plugin-storage';
import { FaxbotError } from '../errors/faxbot-error';
import { PLUGIN_STORAGE_MAX_BYTES, checkPluginStorageKey } from '../storage/check-storage-key';

function checked(key: string): string {
  const problem = checkPluginStorageKey(key);
  if (problem !== null) throw new FaxbotError('CONFIG_INVALID', problem);
  return key;
}

function checkedPrefix(prefix: string): void {
  const problem = prefix === '' ? null : checkPluginStorageKey(prefix.replace(/\/$/, ''));
  if (problem !== null) throw new FaxbotError('CONFIG_INVALID', `invalid storage prefix: ${problem}`);
}

/** `deps.storage` for tests: in memory, with the host's key and size rules. */
export function createMemoryPluginStorage(): PluginStorage {
  const objects = new Map<string, { bytes: Buffer; createdAt: Date }>();
  const info = (key: string, bytes: Buffer, createdAt: Date): PluginStoredObject => ({ key, sizeBytes: bytes.length, createdAt });
  return {
    put: async (key, content) => {
      // A Uint8Array is what a Buffer becomes after crossing a thread or process boundary.
      const raw: unknown = content;
      if (!(raw instanceof Uint8Array)) throw new FaxbotError('CONFIG_INVALID', 'storage content must be a Buffer');
      if (raw.length > PLUGIN_STORAGE_MAX_BYTES) throw new FaxbotError('CONFIG_INVALID', `storage objects are at most ${PLUGIN_STORAGE_MAX_BYTES} bytes`);
      const entry = { bytes: Buffer.from(raw), createdAt: new Date() };
      objects.set(checked(key), entry);
      return info(key, entry.bytes, entry.createdAt);
    },
    get: async (key) => {
      const entry = objects.get(checked(key));
      return entry === undefined ? null : Buffer.from(entry.bytes);
    },
    delete: async (key) => {
      objects.delete(checked(key));
    },
    list: async (prefix = '') => {
      checkedPrefix(prefix);
      return [...objects.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, entry]) => info(key, entry.bytes, entry.createdAt));
    },
  };
}
