import { PluginDbError, checkDocumentKey, checkDocumentListOptions, encodeDocumentValue, type PluginDocumentStore } from '@faxbot/plugin-sdk';
import type { PluginDocumentRepository } from '@faxbot/db';

/** Runs a repository call; a database failure reaches the plugin as `UNAVAILABLE`, without the driver's details. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (PluginDbError.is(cause)) throw cause;
    throw new PluginDbError('UNAVAILABLE', 'the document store is unavailable', { cause });
  }
}

/**
 * `deps.db.documents` of one instance: the core's `plugin_documents` table, every call bound to
 * `instanceId`, so no key of another instance is reachable whatever the plugin passes. Keys and
 * values are checked with the SDK's rules (also used by the testing kit).
 */
export function createPluginDocuments(repository: PluginDocumentRepository, instanceId: string): PluginDocumentStore {
  return {
    get: async <T>(key: string) => {
      const checked = checkDocumentKey(key);
      const record = await guarded(() => repository.find(instanceId, checked));
      return record === null ? undefined : (JSON.parse(record.json) as T);
    },
    put: async (key, value) => {
      const checked = checkDocumentKey(key);
      const json = encodeDocumentValue(value);
      await guarded(() => repository.put(instanceId, checked, json));
    },
    delete: async (key) => {
      const checked = checkDocumentKey(key);
      return guarded(() => repository.delete(instanceId, checked));
    },
    list: async <T>(options?: Parameters<PluginDocumentStore['list']>[0]) => {
      const { prefix, limit, cursor } = checkDocumentListOptions(options);
      // One row more than asked tells whether another page follows.
      const records = await guarded(() => repository.list(instanceId, { prefix, after: cursor, limit: limit + 1 }));
      const page = records.slice(0, limit);
      return {
        items: page.map((record) => ({ key: record.key, value: JSON.parse(record.json) as T, updatedAt: record.updatedAt })),
        nextCursor: records.length > limit ? (page.at(-1)?.key ?? null) : null,
      };
    },
  };
}
