import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { ApiError } from '../../errors/api-error';

/** The parsed `multipart/form-data` body of `POST /fax`. */
export interface FaxUpload {
  fields: Record<string, string>;
  file: { tempPath: string; fileName: string; sizeBytes: number } | null;
}

/** Limits for {@link readFaxUpload}. */
export interface UploadLimits {
  maxFileBytes: number;
  maxFileSizeMb: number;
}

/**
 * Streams a fax upload to a temporary file, enforcing the size limit while bytes arrive (the
 * file is never held in memory). On any failure the temporary file is removed before the error
 * is thrown, so a refused upload leaves nothing behind.
 */
export function readFaxUpload(request: Request, tempPath: string, limits: UploadLimits): Promise<FaxUpload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    return Promise.reject(new ApiError('VALIDATION_FAILED', 'Request must be multipart/form-data with fields "to" and "file"'));
  }
  return new Promise<FaxUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: FaxUpload['file'] = null;
    let failure: ApiError | null = null;
    let fileDone: Promise<void> = Promise.resolve();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: limits.maxFileBytes, files: 1, fields: 20, fieldSize: 32 * 1024 } });
    } catch {
      reject(new ApiError('VALIDATION_FAILED', 'Malformed multipart body'));
      return;
    }

    parser.on('field', (name, value, info) => {
      // busboy cuts an over-long field silently; a cut cover message must not be faxed.
      if (info.valueTruncated) failure ??= new ApiError('VALIDATION_FAILED', `Form field ${name.slice(0, 40)} is too long`);
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file !== null) {
        stream.resume();
        return;
      }
      const current = { tempPath, fileName: info.filename || 'document', sizeBytes: 0 };
      file = current;
      const out = createWriteStream(tempPath, { mode: 0o600 });
      stream.on('data', (chunk: Buffer) => {
        current.sizeBytes += chunk.length;
      });
      stream.on('limit', () => {
        failure ??= new ApiError('PAYLOAD_TOO_LARGE', `File exceeds ${limits.maxFileSizeMb} MB limit`);
      });
      fileDone = new Promise<void>((done, fail) => {
        out.on('finish', done);
        out.on('error', fail);
      });
      stream.pipe(out);
    });
    parser.on('filesLimit', () => {
      failure ??= new ApiError('BAD_REQUEST', 'Only one file may be uploaded');
    });
    parser.on('error', () => {
      failure ??= new ApiError('VALIDATION_FAILED', 'Malformed multipart body');
      finish();
    });
    parser.on('close', () => finish());
    request.on('aborted', () => {
      failure ??= new ApiError('BAD_REQUEST', 'Upload was interrupted');
      finish();
    });

    let settled = false;
    function finish(): void {
      if (settled) return;
      settled = true;
      fileDone
        .then(async () => {
          if (failure !== null) throw failure;
          resolve({ fields, file });
        })
        .catch(async (error: unknown) => {
          await rm(tempPath, { force: true });
          reject(error);
        });
    }
    request.pipe(parser);
  });
}
