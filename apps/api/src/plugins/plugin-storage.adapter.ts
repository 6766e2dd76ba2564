import { FaxbotError, PLUGIN_STORAGE_MAX_BYTES, checkPluginStorageKey, type PluginStorage, type PluginStoredObject } from '@faxbot/plugin-sdk';
import { StorageError, type DocumentStorage } from '@faxbot/storage';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Where an instance's objects live in the core storage; nothing else is reachable through it. */
export function pluginStoragePrefix(instanceId: string): string {
  return `plugins/${instanceId}/`;
}

/**
 * `deps.storage` of one plugin instance: the core document storage (encrypted at rest) under
 * `plugins/<instanceId>/`. Keys are checked before the prefix is added, so no key can climb out
 * of the instance's area; bytes coming back from an isolated child are accepted as Uint8Array.
 */
export function createPluginStorage(storage: DocumentStorage, instanceId: string): PluginStorage {
  const prefix = pluginStoragePrefix(instanceId);
  const full = (key: string): string => {
    const problem = checkPluginStorageKey(key);
    if (problem !== null) throw new FaxbotError('CONFIG_INVALID', problem);
    return prefix + key;
  };
  const own = (object: { key: string; sizeBytes: number; createdAt: Date }): PluginStoredObject => ({ key: object.key.slice(prefix.length), sizeBytes: object.sizeBytes, createdAt: object.createdAt });
  return {
    put: async (key, content, options = {}) => {
      const raw: unknown = content;
      if (!(raw instanceof Uint8Array)) throw new FaxbotError('CONFIG_INVALID', 'storage content must be a Buffer');
      if (raw.length > PLUGIN_STORAGE_MAX_BYTES) throw new FaxbotError('CONFIG_INVALID', `storage objects are at most ${PLUGIN_STORAGE_MAX_BYTES} bytes`);
      const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      return own(await storage.put(full(key), bytes, options.contentType === undefined ? {} : { contentType: options.contentType }));
    },
    get: async (key) => {
      try {
        return await readAll(await storage.get(full(key)));
      } catch (error) {
        if (error instanceof StorageError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    delete: async (key) => {
      await storage.delete(full(key));
    },
    list: async (keyPrefix = '') => {
      const problem = keyPrefix === '' ? null : checkPluginStorageKey(keyPrefix.replace(/\/$/, ''));
      if (problem !== null) throw new FaxbotError('CONFIG_INVALID', `invalid storage prefix: ${problem}`);
      return (await storage.list(prefix + keyPrefix)).map(own);
    },
  };
}
