import type { InboundCursor } from '@faxbot/db';
import { ApiError } from '../errors/api-error';

/** The opaque `cursor` of `GET /inbound`: where the previous page ended. */
export function encodeInboundCursor(cursor: InboundCursor): string {
  return Buffer.from(JSON.stringify({ r: cursor.receivedAt.getTime(), i: cursor.id }), 'utf8').toString('base64url');
}

/** Reads a `cursor` query value; a 400 when it is not one this API handed out. */
export function decodeInboundCursor(value: string): InboundCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { r?: unknown; i?: unknown };
    if (typeof parsed.r === 'number' && Number.isSafeInteger(parsed.r) && typeof parsed.i === 'string' && /^[a-f0-9]{32}$/.test(parsed.i)) {
      return { receivedAt: new Date(parsed.r), id: parsed.i };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiError('BAD_REQUEST', 'Invalid cursor');
}
