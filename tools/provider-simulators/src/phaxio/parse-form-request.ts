import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** A file part of a parsed form. */
export interface ParsedFormFile {
  name: string;
  /** The part's filename parameter; null when the client sent none. */
  fileName: string | null;
  mimeType: string;
  bytes: Buffer;
}

/** A request body parsed as an HTML form (multipart or url-encoded). */
export interface ParsedForm {
  /** Every text field in arrival order; a repeated name appears once per value. */
  fields: Array<{ name: string; value: string }>;
  files: ParsedFormFile[];
}

/** Refused form bodies: too large, malformed, or of a type that is not a form. */
export class FormParseError extends Error {
  override readonly name = 'FormParseError';
}

const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/**
 * Reads a request body the way Phaxio's API does: `multipart/form-data` (with files) or
 * `application/x-www-form-urlencoded`. A body without a form content type is drained and yields an
 * empty form (Phaxio's GET and cancel calls carry none).
 */
export function parseFormRequest(request: IncomingMessage, maxFileBytes = 50 * 1024 * 1024): Promise<ParsedForm> {
  const form: ParsedForm = { fields: [], files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (!FORM_TYPES.test(contentType)) {
    return new Promise((resolve, reject) => {
      request.resume().once('end', () => resolve(form)).once('error', reject);
    });
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, defParamCharset: 'utf8', limits: { fileSize: maxFileBytes, files: 20, fields: 200 } });
    } catch (error) {
      request.resume();
      reject(new FormParseError(`unreadable form: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => form.fields.push({ name, value }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => reject(new FormParseError(`file part "${name}" exceeds ${maxFileBytes} bytes`)));
      stream.on('end', () => {
        form.files.push({ name, fileName: info.filename ?? null, mimeType: info.mimeType, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('error', (error: Error) => reject(new FormParseError(`unreadable form: ${error.message}`)));
    parser.on('close', () => resolve(form));
    request.pipe(parser);
  });
}
