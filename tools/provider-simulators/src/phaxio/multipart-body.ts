import { randomBytes } from 'node:crypto';

/** A text field of a multipart/form-data body. */
export interface MultipartField {
  name: string;
  value: string;
}

/** A file part of a multipart/form-data body. */
export interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A finished multipart/form-data body and the `content-type` header that goes with it. */
export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

/** Quotes a header parameter value the way browsers do (RFC 7578 §4.2: escape `"`, CR and LF). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

/**
 * Encodes fields and files as multipart/form-data, byte for byte as a provider would post them.
 * Built by hand rather than with `FormData` so the exact bytes (which the signature covers) are
 * known before sending and can be recorded.
 *
 * @example
 * const { body, contentType } = buildMultipartBody([{ name: 'fax', value: '{"id":1}' }], []);
 */
export function buildMultipartBody(fields: readonly MultipartField[], files: readonly MultipartFile[]): MultipartBody {
  const boundary = `----PhaxioSimulator${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const field of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(field.name)}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(field.value, 'utf8'), Buffer.from('\r\n'));
  }
  for (const file of files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.contentType}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
