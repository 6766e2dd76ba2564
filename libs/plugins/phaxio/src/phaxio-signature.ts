import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FormPart } from './form-body.parser';

function byName(a: FormPart, b: FormPart): number {
  return Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8'));
}

/**
 * Phaxio's `X-Phaxio-Signature` for a webhook, as https://www.phaxio.com/docs/security/callbacks
 * specifies it (and Phaxio's own SDKs compute it): HMAC-SHA1, keyed with the account's webhook
 * token, over the callback URL, then each POST field sorted by name as name + value, then each
 * file part sorted by name as name + sha1hex(bytes); lower-case hex. The original Faxbot hashed
 * the raw body with the API secret instead, which never matches a real Phaxio callback.
 */
export function computePhaxioSignature(webhookToken: string, url: string, parts: readonly FormPart[]): string {
  const hmac = createHmac('sha1', webhookToken);
  hmac.update(url, 'utf8');
  const fields = parts.filter((part) => part.fileName === null).sort(byName);
  const files = parts.filter((part) => part.fileName !== null).sort(byName);
  for (const field of fields) {
    hmac.update(field.name, 'utf8');
    hmac.update(field.bytes);
  }
  for (const file of files) hmac.update(file.name + createHash('sha1').update(file.bytes).digest('hex'), 'utf8');
  return hmac.digest('hex');
}

/** True when `signature` is the right one, compared in constant time (lengths first). */
export function isValidPhaxioSignature(signature: string, webhookToken: string, url: string, parts: readonly FormPart[]): boolean {
  const expected = Buffer.from(computePhaxioSignature(webhookToken, url, parts), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
