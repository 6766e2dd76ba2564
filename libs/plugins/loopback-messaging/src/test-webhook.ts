import { timingSafeEqual, createHash } from 'node:crypto';
import type { WebhookRequest } from '@faxbot/plugin-sdk';

/** A checked test-webhook call. */
export type TestWebhookCall =
  | { kind: 'status'; messageId: string; status: 'delivered' | 'failed'; errorCode?: string }
  | { kind: 'inbound'; from: string; text: string }
  | { kind: 'refused'; status: number; detail: string };

const NUMBER = /^\+?\d{6,20}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_TEXT = 1600;

function refused(status: number, detail: string): TestWebhookCall {
  return { kind: 'refused', status, detail };
}

// Compares digests so neither the length nor the content of the secret leaks through timing.
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function bodyOf(request: WebhookRequest): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(request.rawBody.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks a call of the line's test webhooks: `POST status` `{message_id, status, error_code?}`
 * and `POST inbound` `{from, text}`, both with the configured secret in `X-Loopback-Secret`.
 * With no secret configured the webhooks are off (404).
 */
export function readTestWebhook(request: WebhookRequest, secret: string): TestWebhookCall {
  if (secret === '') return refused(404, 'loopback test webhooks are off (no webhookSecret)');
  if (request.path !== 'status' && request.path !== 'inbound') return refused(404, 'unknown webhook path');
  if (request.method !== 'POST') return refused(405, 'use POST');
  const presented = request.headers['x-loopback-secret'];
  if (typeof presented !== 'string' || !sameSecret(presented, secret)) return refused(401, 'missing or wrong X-Loopback-Secret');
  const body = bodyOf(request);
  if (body === null) return refused(400, 'body must be a JSON object');
  if (request.path === 'status') {
    const { message_id: messageId, status, error_code: errorCode } = body;
    if (typeof messageId !== 'string' || messageId === '') return refused(400, 'message_id is required');
    if (status !== 'delivered' && status !== 'failed') return refused(400, 'status must be delivered or failed');
    if (errorCode !== undefined && (typeof errorCode !== 'string' || !ERROR_CODE.test(errorCode))) return refused(400, 'error_code must be an upper-case code');
    return { kind: 'status', messageId, status, ...(typeof errorCode === 'string' ? { errorCode } : {}) };
  }
  const { from, text } = body;
  if (typeof from !== 'string' || !NUMBER.test(from)) return refused(400, 'from must be E.164 or digits only');
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) return refused(400, `text must be 1-${MAX_TEXT} characters`);
  return { kind: 'inbound', from, text };
}
