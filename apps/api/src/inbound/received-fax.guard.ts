import type { ReceivedFax } from '@faxbot/plugin-sdk';

/** A received fax after checking what a plugin returned (plugin output is untrusted input). */
export interface CheckedReceivedFax extends ReceivedFax {
  document: { type: 'pdf' | 'tiff'; bytes: Buffer };
}

const NUMBER = /^\+?[0-9]{3,20}$/;

function bytesOf(value: unknown): Buffer | null {
  // Buffers from an isolated plugin arrive as plain Uint8Arrays.
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function dateOf(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return date !== null && !Number.isNaN(date.getTime()) ? date : null;
}

/** Checks one entry of a plugin's `received` list; null when it is not a usable received fax. */
export function asReceivedFax(value: unknown): CheckedReceivedFax | null {
  if (typeof value !== 'object' || value === null) return null;
  const { providerSid, from, to, pages, receivedAt, document } = value as Record<string, unknown>;
  if (typeof providerSid !== 'string' || providerSid === '' || providerSid.length > 128) return null;
  if (typeof to !== 'string' || !NUMBER.test(to)) return null;
  if (from !== null && from !== undefined && typeof from !== 'string') return null;
  if (pages !== null && pages !== undefined && (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 0)) return null;
  const when = dateOf(receivedAt ?? new Date());
  if (when === null) return null;
  if (typeof document !== 'object' || document === null) return null;
  const { type, bytes } = document as Record<string, unknown>;
  if (type !== 'pdf' && type !== 'tiff') return null;
  const content = bytesOf(bytes);
  if (content === null || content.length === 0) return null;
  const caller = typeof from === 'string' && NUMBER.test(from.trim()) ? from.trim() : null;
  return { providerSid, from: caller, to, pages: typeof pages === 'number' ? pages : null, receivedAt: when, document: { type, bytes: content } };
}
