import type { PluginWebhooks } from '@faxbot/plugin-sdk';

/**
 * Appends a plugin's sub-path to its instance's webhook base URL: leading slashes are ignored and
 * characters that cannot stand in a URL are percent-encoded (`/`, `?` and `=` are kept).
 *
 * @example
 * joinWebhookPath('https://fax.example.com/webhooks/acme', '/status'); // '.../webhooks/acme/status'
 */
export function joinWebhookPath(base: string, path = ''): string {
  const trimmed = String(path).replace(/^\/+/, '');
  return trimmed === '' ? base : `${base}/${encodeURI(trimmed)}`;
}

/** `deps.webhooks` of one instance: URLs under `<PUBLIC_API_URL>/webhooks/<instanceId>`. */
export function createPluginWebhooks(publicApiUrl: string, instanceId: string): PluginWebhooks {
  const base = `${publicApiUrl}/webhooks/${encodeURIComponent(instanceId)}`;
  return { url: (path) => joinWebhookPath(base, path) };
}
