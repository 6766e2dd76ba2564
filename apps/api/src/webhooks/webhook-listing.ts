import type { PluginHost } from '../plugins/plugin-host';
import { implementsWebhook } from './webhook-target';
import { createPluginWebhooks } from './webhook-url';

/** One instance that receives webhooks, as `GET /admin/webhooks` lists it. */
export interface WebhookListingDto {
  instance_id: string;
  plugin_id: string;
  state: string;
  /** The instance's base webhook URL. */
  url: string;
  /** Paths the manifest declares, each with its full URL. */
  declared: Array<{ path: string; methods: string[]; description: string | null; url: string }>;
}

/** Running instances whose plugin implements `handleWebhook`, with their public URLs. */
export function listWebhooks(host: PluginHost, publicApiUrl: string): WebhookListingDto[] {
  return host
    .instances()
    .filter((instance) => ['running', 'degraded'].includes(instance.state) && implementsWebhook(instance.plugin))
    .map((instance) => {
      const urls = createPluginWebhooks(publicApiUrl, instance.instanceId);
      const declared = host.find(instance.pluginId)?.manifest?.webhooks ?? [];
      return {
        instance_id: instance.instanceId,
        plugin_id: instance.pluginId,
        state: instance.state,
        url: urls.url(),
        declared: declared.map((hook) => ({ path: hook.path, methods: [...(hook.methods ?? ['POST'])], description: hook.description ?? null, url: urls.url(hook.path) })),
      };
    });
}
