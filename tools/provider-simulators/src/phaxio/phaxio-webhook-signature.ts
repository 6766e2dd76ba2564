import { createHash, createHmac } from 'node:crypto';

/** What Phaxio signs of one webhook request. */
export interface PhaxioSignedContent {
  /** The callback URL exactly as it was given to Phaxio (with its query string). */
  url: string;
  /** Form fields in any order; values as sent. */
  fields: ReadonlyArray<{ name: string; value: string }>;
  /** File parts in any order. */
  files: ReadonlyArray<{ name: string; bytes: Buffer }>;
}

/** Orders names by their bytes, as Phaxio's reference code (Ruby `sort_by`) does. */
function byName(a: { name: string }, b: { name: string }): number {
  return Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8'));
}

/**
 * The `X-Phaxio-Signature` of a webhook, as https://www.phaxio.com/docs/security/callbacks
 * documents it: the URL, then every POST field sorted by name as `name + value`, then every file
 * part sorted by name as `name + sha1hex(bytes)`, all run through HMAC-SHA1 keyed with the
 * account's webhook token, in lower-case hex. (Not the API secret, and not a hash of the raw body.)
 *
 * @example
 * const signature = signPhaxioWebhook('token', { url, fields: [{ name: 'fax', value: json }], files: [] });
 */
export function signPhaxioWebhook(webhookToken: string, content: PhaxioSignedContent): string {
  const hmac = createHmac('sha1', webhookToken);
  hmac.update(content.url, 'utf8');
  for (const field of [...content.fields].sort(byName)) hmac.update(field.name + field.value, 'utf8');
  for (const file of [...content.files].sort(byName)) {
    hmac.update(file.name + createHash('sha1').update(file.bytes).digest('hex'), 'utf8');
  }
  return hmac.digest('hex');
}
