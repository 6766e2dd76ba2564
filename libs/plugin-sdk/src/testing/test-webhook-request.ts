import type { WebhookRequest } from '../contracts/webhook';

/** Options for {@link createTestWebhookRequest}. */
export interface TestWebhookRequestOptions {
  /** Default `'POST'`. */
  method?: string;
  /** Sub-path after `/webhooks/{instanceId}`, default `''`. */
  path?: string;
  /** Raw bytes, text, or an object sent as JSON (then `content-type` defaults to `application/json`). */
  body?: Buffer | string | Record<string, unknown> | unknown[];
  headers?: Record<string, string | string[]>;
  query?: Record<string, string | string[]>;
  /** Default `'acme'`. */
  instanceId?: string;
  /** Default `'https://faxbot.test'`, as in `createTestDeps`. */
  publicUrl?: string;
}

/**
 * Builds a {@link WebhookRequest} the way the host delivers one (header names in lower case, the
 * body as raw bytes, `url` = public URL + path + query), to call `handleWebhook` in a test.
 *
 * @example
 * const request = createTestWebhookRequest({ path: 'status', body: { id: 'f-1', state: 'delivered' }, headers: { 'X-Acme-Signature': sign(body) } });
 * const result = await plugin.handleWebhook(request);
 * expect(result.updates).toEqual([{ providerSid: 'f-1', status: 'SUCCESS' }]);
 */
export function createTestWebhookRequest(options: TestWebhookRequestOptions = {}): WebhookRequest {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  let rawBody: Buffer;
  if (options.body === undefined) rawBody = Buffer.alloc(0);
  else if (Buffer.isBuffer(options.body)) rawBody = options.body;
  else if (typeof options.body === 'string') rawBody = Buffer.from(options.body, 'utf8');
  else {
    rawBody = Buffer.from(JSON.stringify(options.body), 'utf8');
    headers['content-type'] ??= 'application/json';
  }
  const path = (options.path ?? '').replace(/^\/+/, '');
  const query = options.query ?? {};
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
  const base = `${(options.publicUrl ?? 'https://faxbot.test').replace(/\/+$/, '')}/webhooks/${options.instanceId ?? 'acme'}${path === '' ? '' : `/${path}`}`;
  const queryString = search.toString();
  return { method: options.method ?? 'POST', path, url: queryString === '' ? base : `${base}?${queryString}`, headers, query: { ...query }, rawBody };
}
