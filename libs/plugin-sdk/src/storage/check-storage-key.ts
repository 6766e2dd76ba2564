const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Largest object `deps.storage` keeps, in bytes. */
export const PLUGIN_STORAGE_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Why `key` cannot name an object in `deps.storage`, or null when it can: `/`-separated segments of
 * letters, digits, `.`, `_` and `-`, no empty, `.` or `..` segment, at most 200 characters. The host
 * and the testing kit apply the same rule.
 *
 * @example
 * checkPluginStorageKey('receipts/2026-11-25.json'); // null
 * checkPluginStorageKey('../core'); // 'storage key segments must not be "." or ".."'
 */
export function checkPluginStorageKey(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) return 'a storage key is a string of 1 to 200 characters';
  for (const segment of key.split('/')) {
    if (segment === '.' || segment === '..') return 'storage key segments must not be "." or ".."';
    if (!SEGMENT.test(segment)) return 'storage keys use letters, digits, ".", "_", "-" and "/" between non-empty segments';
  }
  return null;
}
