import { randomBytes } from 'node:crypto';

/** One part of a multipart/form-data body: text, or a file with a name and a type. */
export type SinchMultipartPart =
  | { name: string; value: string; contentType?: string }
  | { name: string; fileName: string; contentType: string; bytes: Buffer };

/** Quotes a header parameter as browsers do (RFC 7578 §4.2). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

/**
 * Encodes parts as multipart/form-data, the way Sinch posts its callbacks: `event` and `eventTime`
 * as text, `fax` as a JSON text part and the document as a `file` part. Returns the body and the
 * `content-type` header with its boundary.
 */
export function encodeSinchMultipart(parts: SinchMultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `----SinchFaxBoundary${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
    if ('bytes' in part) {
      head += `; filename=${quoted(part.fileName)}\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head, 'utf8'), part.bytes, Buffer.from('\r\n'));
    } else {
      if (part.contentType !== undefined) head += `\r\nContent-Type: ${part.contentType}`;
      chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
