import type { CapabilitiesResponse } from '@faxbot/api-client';

/**
 * What the API's running plugins can do, as `category/capability` words (`messaging/send_message`).
 * Only the words matter: the MCP server offers a tool when some running instance of the right
 * category declares what the tool needs.
 */
export type CapabilitySnapshot = ReadonlySet<string>;

/** The snapshot of a `GET /plugins/capabilities` answer; malformed items are skipped. */
export function snapshotOf(response: CapabilitiesResponse): CapabilitySnapshot {
  const words = new Set<string>();
  for (const item of response.items) {
    if (!Array.isArray(item.categories) || !Array.isArray(item.capabilities)) continue;
    for (const category of item.categories) {
      for (const capability of item.capabilities) {
        if (typeof category === 'string' && typeof capability === 'string') words.add(`${category}/${capability}`);
      }
    }
  }
  return words;
}

/** True when every required word is in the snapshot. */
export function satisfies(snapshot: CapabilitySnapshot, required: readonly string[]): boolean {
  return required.every((word) => snapshot.has(word));
}

/** True when both snapshots hold the same words. */
export function sameSnapshot(a: CapabilitySnapshot, b: CapabilitySnapshot): boolean {
  return a.size === b.size && [...a].every((word) => b.has(word));
}
