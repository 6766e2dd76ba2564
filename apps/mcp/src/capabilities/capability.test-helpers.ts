// Tests listen for tools/list_changed the way a real client does, with the SDK's own schema
// (re-exported by the test helper that may import the SDK's client side).
import type { CapabilitiesResponse } from '@faxbot/api-client';
import { ToolListChangedNotificationSchema, type Client } from '../testing/mcp-client.test-helpers';

/** Counts a client's `notifications/tools/list_changed` and waits for the next ones. */
export interface ToolListChanges {
  count(): number;
  /** Resolves once `count()` reaches `total`, or rejects after `timeoutMs`. */
  waitFor(total: number, timeoutMs?: number): Promise<void>;
}

/** Starts counting `tools/list_changed` notifications on a connected client. */
export function watchToolListChanges(client: Client): ToolListChanges {
  let count = 0;
  const waiters: Array<{ total: number; resolve: () => void }> = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    count += 1;
    for (const waiter of waiters.filter((candidate) => candidate.total <= count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  return {
    count: () => count,
    waitFor: (total, timeoutMs = 20_000) =>
      count >= total
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`expected ${total} tools/list_changed, saw ${count}`)), timeoutMs);
            waiters.push({ total, resolve: () => (clearTimeout(timer), resolve()) });
          }),
  };
}

/** A capabilities answer with one running instance of `category` declaring `capabilities`. */
export function capabilitiesWith(category: string, capabilities: string[]): CapabilitiesResponse {
  return { items: [{ instance_id: 'loopback', plugin_id: 'loopback', categories: ['outbound'], capabilities: ['send', 'get_status'] }, { instance_id: `${category}-1`, plugin_id: category, categories: [category], capabilities }] };
}

/** A capabilities answer with only the fax line. */
export const FAX_ONLY: CapabilitiesResponse = { items: [{ instance_id: 'loopback', plugin_id: 'loopback', categories: ['outbound'], capabilities: ['send', 'get_status'] }] };
