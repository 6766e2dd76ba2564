/** An object a plugin keeps in its storage area. */
export interface PluginStoredObject {
  /** The plugin's own key (without the host's namespace). */
  key: string;
  sizeBytes: number;
  createdAt: Date;
}

/**
 * The plugin's own area of the gateway's document storage (`deps.storage`): encrypted at rest on
 * the local driver, SSE on S3, like every document. Keys are the plugin's choice (letters, digits,
 * `.`, `_`, `-` and `/` separated segments, at most 200 characters, no `..`); the host keeps each
 * instance's keys apart, so a plugin never sees another plugin's objects or the core documents.
 * Objects are whole buffers (at most 25 MB), so the handle works the same in isolated tiers.
 *
 * @example
 * await deps.storage.put('receipts/2026-11-25.json', Buffer.from(JSON.stringify(receipt)));
 * const saved = await deps.storage.get('receipts/2026-11-25.json'); // Buffer or null
 */
export interface PluginStorage {
  put(key: string, content: Buffer, options?: { contentType?: string }): Promise<PluginStoredObject>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; removing a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with `prefix` (default all), sorted by key. */
  list(prefix?: string): Promise<PluginStoredObject[]>;
}
