/** What the plugin takes from a callback body: hints only, confirmed with the API afterwards. */
export interface SinchCallbackBody {
  /** `FAX_COMPLETED`, `INCOMING_FAX`, or null when the body does not say. */
  event: string | null;
  /** The fax id the callback is about. */
  faxId: string;
  /** The document the callback carried (a `file` part, or base64 in JSON), if any. */
  file: Buffer | null;
}

/** A callback body the plugin cannot read (answered 400). */
export class SinchCallbackParseError extends Error {
  override readonly name = 'SinchCallbackParseError';
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The fax id of the `fax` member (object or JSON text), or of the original Faxbot's flat keys. */
function faxIdOf(fax: unknown, flat: Record<string, unknown>): string | null {
  let parsed = fax;
  if (typeof fax === 'string') {
    try {
      parsed = JSON.parse(fax);
    } catch {
      throw new SinchCallbackParseError('the fax part is not JSON');
    }
  }
  const nested = typeof parsed === 'object' && parsed !== null ? text((parsed as Record<string, unknown>)['id']) : null;
  // The original /sinch-inbound took `id` or `fax_id` at the top level; keep reading them.
  return nested ?? text(flat['id']) ?? text(flat['fax_id']) ?? text(flat['faxId']);
}

async function parseMultipart(rawBody: Buffer, contentType: string): Promise<SinchCallbackBody> {
  let form: FormData;
  try {
    // Node's own multipart parser (undici); the plugin needs no parser package of its own.
    form = await new Response(rawBody, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new SinchCallbackParseError('malformed multipart body');
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
  const faxPart = form.get('fax');
  const fax = typeof faxPart === 'string' || faxPart === null ? faxPart : await faxPart.text();
  const faxId = faxIdOf(fax, fields);
  if (faxId === null) throw new SinchCallbackParseError('no fax id');
  const file = form.get('file');
  return { event: text(fields['event']), faxId, file: file !== null && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer()) : null };
}

function parseJson(rawBody: Buffer): SinchCallbackBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new SinchCallbackParseError('malformed JSON body');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new SinchCallbackParseError('the JSON body is not an object');
  const body = json as Record<string, unknown>;
  const faxId = faxIdOf(body['fax'], body);
  if (faxId === null) throw new SinchCallbackParseError('no fax id');
  const file = text(body['file']);
  return { event: text(body['event']), faxId, file: file === null ? null : Buffer.from(file, 'base64') };
}

function parseUrlEncoded(rawBody: Buffer): SinchCallbackBody {
  const form = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
  const faxId = faxIdOf(form['fax'], form);
  if (faxId === null) throw new SinchCallbackParseError('no fax id');
  return { event: text(form['event']), faxId, file: null };
}

/**
 * Reads a Sinch callback: multipart (`event`, `eventTime`, `fax` JSON part, optional `file` PDF
 * part), JSON (`file` base64 with `fileType`), or url-encoded. Only the event, the fax id and the
 * attached document are taken; everything else is looked up with the API, never trusted.
 */
export async function parseSinchCallback(rawBody: Buffer, contentType: string): Promise<SinchCallbackBody> {
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(rawBody, contentType);
  if (type.startsWith('application/x-www-form-urlencoded')) return parseUrlEncoded(rawBody);
  if (type.startsWith('application/json') || rawBody.subarray(0, 1).toString() === '{') return parseJson(rawBody);
  throw new SinchCallbackParseError('unsupported content type');
}
