/** One part of a form body, its value kept as the exact bytes received. */
export interface FormPart {
  name: string;
  /** The part's `filename`; null for a plain field. */
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

/** A body that is not a well-formed form. */
export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
}

const MAX_PARTS = 200;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Reads a header parameter (`name="..."`, `name=token`) from a Content-Disposition value. */
function parameter(header: string, key: string): string | null {
  const pattern = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const match = pattern.exec(header);
  if (match === null) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? '');
}

function boundaryOf(contentType: string): string {
  const boundary = parameter(contentType, 'boundary');
  if (boundary === null || boundary === '' || boundary.length > 200) throw new FormBodyError('multipart body without a usable boundary');
  return boundary;
}

function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new FormBodyError('multipart body without its boundary');
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing delimiter
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new FormBodyError('malformed multipart delimiter');
    const headersEnd = body.indexOf(HEADER_END, at + 2);
    if (headersEnd < 0) throw new FormBodyError('multipart part without a header end');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0) throw new FormBodyError('multipart body is not closed');
    const headers = body.subarray(at + 2, headersEnd).toString('utf8').split('\r\n');
    const header = (name: string): string | null => {
      const line = headers.find((candidate) => candidate.toLowerCase().startsWith(`${name}:`));
      return line === undefined ? null : line.slice(name.length + 1).trim();
    };
    const disposition = header('content-disposition');
    const name = disposition === null ? null : parameter(disposition, 'name');
    if (disposition === null || !/^form-data\b/i.test(disposition) || name === null) throw new FormBodyError('multipart part without a form-data name');
    parts.push({ name, fileName: parameter(disposition, 'filename'), contentType: header('content-type'), bytes: body.subarray(headersEnd + 4, next) });
    if (parts.length > MAX_PARTS) throw new FormBodyError(`more than ${MAX_PARTS} form parts`);
    at = next + CRLF.length;
  }
}

/**
 * Parses a webhook body as Phaxio sends it: `multipart/form-data` (its v2.1 webhooks) or
 * `application/x-www-form-urlencoded` (older webhook versions). Written here rather than taken
 * from a library so the values stay the exact bytes the signature was computed over, and so the
 * plugin needs no parser dependency. Throws {@link FormBodyError}.
 *
 * @example
 * const parts = parseFormBody(request.rawBody, String(request.headers['content-type']));
 */
export function parseFormBody(body: Buffer, contentType: string): FormPart[] {
  if (/^multipart\/form-data\b/i.test(contentType)) return parseMultipart(body, contentType);
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return [...new URLSearchParams(body.toString('utf8'))].map(([name, value]) => ({ name, fileName: null, contentType: null, bytes: Buffer.from(value, 'utf8') }));
  }
  throw new FormBodyError('not a form body (expected multipart/form-data)');
}

/** The text of the first plain field called `name`, or null. */
export function fieldText(parts: readonly FormPart[], name: string): string | null {
  const part = parts.find((candidate) => candidate.name === name && candidate.fileName === null);
  return part === undefined ? null : part.bytes.toString('utf8');
}
