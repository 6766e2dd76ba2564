import { FaxbotError } from '@faxbot/plugin-sdk';

/** Where a page of conversations ended: the last one's activity time and id. */
export interface ConversationCursor {
  updatedAt: number;
  id: string;
}

/** The opaque `nextCursor` of a conversation page. */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify({ u: cursor.updatedAt, i: cursor.id }), 'utf8').toString('base64url');
}

/** Reads a cursor this line handed out; anything else is refused with `NOT_SUPPORTED`. */
export function decodeConversationCursor(value: string): ConversationCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { u?: unknown; i?: unknown };
    if (typeof parsed.u === 'number' && Number.isSafeInteger(parsed.u) && typeof parsed.i === 'string' && /^cv_[a-f0-9]{24}$/.test(parsed.i)) {
      return { updatedAt: parsed.u, id: parsed.i };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new FaxbotError('NOT_SUPPORTED', 'loopback: invalid conversation cursor');
}
