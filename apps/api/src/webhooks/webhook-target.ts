import type { BackendPlugin, WebhookRequest, WebhookResult } from '@faxbot/plugin-sdk';
import { IsolatedPlugin } from '../plugins/isolation/isolated-plugin';
import type { PluginHost } from '../plugins/plugin-host';
import type { PluginInstance } from '../plugins/plugin-instance';

/** Where a webhook for an instance id can go. */
export type WebhookTarget =
  | { kind: 'unknown' }
  | { kind: 'unavailable'; instance: PluginInstance }
  | { kind: 'ready'; instance: PluginInstance; handle: (request: WebhookRequest) => Promise<WebhookResult> };

type WebhookCapable = BackendPlugin & { handleWebhook(request: WebhookRequest): Promise<WebhookResult> };

/** True when the instance's plugin implements `handleWebhook` (for an isolated one: the code in its child). */
export function implementsWebhook(plugin: BackendPlugin | null): plugin is WebhookCapable {
  if (plugin === null) return false;
  if (plugin instanceof IsolatedPlugin) return plugin.has('handleWebhook');
  return typeof (plugin as Partial<WebhookCapable>).handleWebhook === 'function';
}

/**
 * Finds the instance a webhook is for. `unknown`: no such instance, or its plugin has no
 * `handleWebhook`; `unavailable`: it exists but is not running (stopped, failed, an isolated child
 * restarting). A ready target's calls count as in flight, so a restart waits for them.
 */
export function resolveWebhookTarget(host: PluginHost, instanceId: string): WebhookTarget {
  const instance = host.instance(instanceId);
  if (instance === undefined) return { kind: 'unknown' };
  const running = ['running', 'degraded'].includes(instance.state);
  const plugin = instance.plugin;
  if (!running || plugin === null) return { kind: 'unavailable', instance };
  if (!implementsWebhook(plugin)) return { kind: 'unknown' };
  if (plugin instanceof IsolatedPlugin && plugin.state !== 'running') return { kind: 'unavailable', instance };
  return { kind: 'ready', instance, handle: (request) => instance.track(() => plugin.handleWebhook(request)) };
}
