import { ToolError } from '../tools/tool-error';
import { safeFileName, type LoadedDocument } from './loaded-document';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URI = /^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[\w.-]+)*;base64,/i;

/** Characters of base64 that encode at most `maxBytes` bytes. */
export function maxBase64Length(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4;
}

/**
 * Decodes a base64 document (an optional `data:...;base64,` prefix is allowed). The length is
 * checked before anything is decoded, so an oversized argument costs no memory beyond the
 * string the client already sent.
 */
export function decodeBase64Document(content: string, fileName: string | undefined, maxBytes: number): LoadedDocument {
  const limit = maxBase64Length(maxBytes);
  const tooLarge = (): ToolError =>
    new ToolError('TOO_LARGE', `fileContent is too large: at most ${maxBytes} bytes (${limit} base64 characters) may be sent this way. Use filePath or fileUrl instead.`);
  // Cheap bound first (allowing for line breaks and a data: prefix), exact bound after removing them.
  if (content.length > limit + Math.ceil(limit / 38) + 256) throw tooLarge();
  const payload = content.replace(DATA_URI, '').replace(/\s+/g, '');
  if (payload.length > limit) throw tooLarge();
  if (payload.length === 0) throw new ToolError('INVALID_INPUT', 'fileContent is empty');
  if (payload.length % 4 === 1 || !BASE64.test(payload)) throw new ToolError('INVALID_INPUT', 'fileContent is not valid base64');
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length > maxBytes) throw tooLarge();
  return { bytes, fileName: safeFileName(fileName, 'document') };
}
