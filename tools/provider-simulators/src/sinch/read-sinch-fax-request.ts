import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** A document part of a send request. */
export interface SinchRequestFile {
  fileName: string | null;
  mimeType: string;
  bytes: Buffer;
}

/** The fields of a `POST /faxes` request, whatever content type it came in. */
export interface SinchFaxRequestBody {
  /** Text fields; a repeated name keeps every value in order. */
  fields: Map<string, string[]>;
  files: SinchRequestFile[];
  contentType: 'multipart/form-data' | 'application/json' | 'application/x-www-form-urlencoded';
}

/** A body the simulator refuses with 400 (malformed, or a content type Sinch does not take). */
export class SinchRequestBodyError extends Error {
  override readonly name = 'SinchRequestBodyError';
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

function addField(fields: Map<string, string[]>, name: string, value: string): void {
  fields.set(name, [...(fields.get(name) ?? []), value]);
}

function readJson(request: IncomingMessage): Promise<SinchFaxRequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new SinchRequestBodyError('body too large'));
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reject(new SinchRequestBodyError('body is not valid JSON'));
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return reject(new SinchRequestBodyError('body must be a JSON object'));
      const fields = new Map<string, string[]>();
      const files: SinchRequestFile[] = [];
      for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
        if (name === 'files' && Array.isArray(value)) {
          // JSON sends carry documents as `files: [{ file: <base64>, fileType: 'PDF' }]`.
          for (const item of value as Array<{ file?: unknown; fileType?: unknown }>) {
            if (typeof item?.file !== 'string') continue;
            const fileType = typeof item.fileType === 'string' ? item.fileType.toLowerCase() : 'pdf';
            files.push({ fileName: null, mimeType: fileType === 'pdf' ? 'application/pdf' : `application/${fileType}`, bytes: Buffer.from(item.file, 'base64') });
          }
        } else if (name === 'labels' && typeof value === 'object' && value !== null) {
          for (const [key, label] of Object.entries(value)) addField(fields, `labels[${key}]`, String(label));
        } else if (Array.isArray(value)) {
          for (const item of value) addField(fields, name, String(item));
        } else if (value !== null && value !== undefined) {
          addField(fields, name, String(value));
        }
      }
      resolve({ fields, files, contentType: 'application/json' });
    });
  });
}

function readForm(request: IncomingMessage, contentType: SinchFaxRequestBody['contentType']): Promise<SinchFaxRequestBody> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string[]>();
    const files: SinchRequestFile[] = [];
    const pending: Array<Promise<void>> = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch (error) {
      request.resume();
      return reject(new SinchRequestBodyError(error instanceof Error ? error.message : 'malformed form'));
    }
    parser.on('field', (name, value) => addField(fields, name, value));
    parser.on('file', (_name, stream, info) => {
      pending.push(
        new Promise<void>((done, fail) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('limit', () => fail(new SinchRequestBodyError('file too large')));
          stream.on('end', () => {
            // Sinch takes every file part as a document, whatever its field name.
            files.push({ fileName: info.filename ?? null, mimeType: info.mimeType, bytes: Buffer.concat(chunks) });
            done();
          });
        }),
      );
    });
    parser.on('error', (error: unknown) => reject(new SinchRequestBodyError(error instanceof Error ? error.message : 'malformed form')));
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve({ fields, files, contentType }), reject);
    });
    request.pipe(parser);
  });
}

/**
 * Reads a send request the way Sinch's `POST /faxes` takes it: `multipart/form-data` (documents as
 * file parts), `application/x-www-form-urlencoded`, or `application/json` (`contentUrl` and/or
 * `files: [{ file, fileType }]`). Anything else is a {@link SinchRequestBodyError}.
 */
export function readSinchFaxRequest(request: IncomingMessage): Promise<SinchFaxRequestBody> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return readForm(request, 'multipart/form-data');
  if (type.startsWith('application/x-www-form-urlencoded')) return readForm(request, 'application/x-www-form-urlencoded');
  if (type.startsWith('application/json')) return readJson(request);
  request.resume();
  return Promise.reject(new SinchRequestBodyError('unsupported content type'));
}
