import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { PluginLogger, ReceivedFax, WebhookRequest, WebhookResult } from '@faxbot/plugin-sdk';
import { safeWord } from '../call-outcome';
import { constantTimeEqual } from '../constant-time-equal';
import { parseInboundPayload } from './inbound-payload';
import { resolveInside } from './resolve-inside';

/** Largest TIFF accepted from the dialplan: far beyond any real fax, small enough to hold in memory. */
export const MAX_INBOUND_TIFF_BYTES = 64 * 1024 * 1024;

/** What the handler needs. */
export interface InboundSettings {
  faxDir: string;
  /** Expected `X-Internal-Secret`; empty refuses every delivery. */
  inboundSecret: string;
}

const reply = (status: number, detail: string): WebhookResult => ({ response: { status, body: { detail } } });

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** True when `bytes` start with a TIFF header (`II*\0` or `MM\0*`). */
export function isTiff(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  const order = bytes.toString('latin1', 0, 2);
  return (order === 'II' && bytes.readUInt16LE(2) === 42) || (order === 'MM' && bytes.readUInt16BE(2) === 42);
}

/** Reads a regular file of at most `max` bytes; null for anything else. */
async function readSmallFile(path: string, max: number): Promise<Buffer | null> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > max) return null;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Accepts a fax the dialplan received: `POST` with `X-Internal-Secret` and the JSON body of the
 * original `/_internal/asterisk/inbound` (`tiff_path`, `to_number`, …). The TIFF must lie inside the
 * fax folder (no `..` and no symlink leading out: a forged path must not make the gateway read
 * other files), exist and be a TIFF. The fax goes back to the host in `received`, which converts,
 * stores and de-duplicates it by `providerSid` (Asterisk's `UNIQUEID`, or a hash of the path).
 *
 * Answers: 401 without a configured or matching secret, 403 for a path outside the fax folder, 400
 * `Invalid payload` for anything else wrong, 200 `{status: 'ok'}` with the fax.
 */
export async function handleInboundDelivery(request: WebhookRequest, settings: InboundSettings, logger: PluginLogger): Promise<WebhookResult> {
  if (request.method !== 'POST') return { response: { status: 405, body: { detail: 'Method not allowed' }, headers: { allow: 'POST' } } };
  if (settings.inboundSecret === '') return reply(401, 'Internal secret not configured');
  const presented = headerValue(request.headers['x-internal-secret']);
  if (presented === undefined || !constantTimeEqual(presented, settings.inboundSecret)) {
    logger.warn('sip: inbound delivery with a missing or wrong X-Internal-Secret refused');
    return reply(401, 'Invalid internal secret');
  }
  const payload = parseInboundPayload(request.rawBody);
  if (payload === null) return reply(400, 'Invalid payload');
  const inside = await resolveInside(settings.faxDir, payload.tiffPath);
  if (!inside.ok && inside.reason === 'outside') {
    logger.warn('sip: inbound delivery names a file outside the fax folder; refused');
    return reply(403, 'tiff_path is outside the fax directory');
  }
  if (!inside.ok) return reply(400, 'Invalid payload');
  const bytes = await readSmallFile(inside.path, MAX_INBOUND_TIFF_BYTES).catch(() => null);
  if (bytes === null || !isTiff(bytes)) return reply(400, 'Invalid payload');
  const providerSid = payload.uniqueid ?? `tiff-${createHash('sha256').update(inside.path).digest('hex').slice(0, 24)}`;
  const fax: ReceivedFax = {
    providerSid,
    from: payload.from,
    to: payload.to,
    pages: payload.pages,
    receivedAt: new Date(),
    document: { type: 'tiff', bytes },
  };
  logger.info('sip: inbound fax received', { providerSid, pages: payload.pages, bytes: bytes.length, faxStatus: safeWord(payload.faxStatus ?? undefined) });
  return { response: { status: 200, body: { status: 'ok' } }, received: [fax] };
}
