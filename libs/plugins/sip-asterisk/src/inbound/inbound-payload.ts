/**
 * Body fields the dialplan posts after `ReceiveFAX`, as the original `/_internal/asterisk/inbound`
 * defined them (the docs spec checks the example dialplan sends exactly these).
 */
export const INBOUND_PAYLOAD_FIELDS = ['tiff_path', 'to_number', 'from_number', 'faxstatus', 'faxpages', 'uniqueid'] as const;

/** A validated inbound delivery. */
export interface InboundPayload {
  tiffPath: string;
  to: string;
  from: string | null;
  /** `FAXSTATUS` as the dialplan saw it, upper-cased, or null. */
  faxStatus: string | null;
  pages: number | null;
  /** Asterisk's `UNIQUEID` of the call, or null. */
  uniqueid: string | null;
}

const NUMBER = /^\+?[0-9A-Za-z*#]{1,32}$/;
const UNIQUEID = /^[A-Za-z0-9_.:-]{1,150}$/;

function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * Parses and checks the JSON body. Returns null for anything malformed: a missing `tiff_path` or
 * `to_number`, wrong types, or values that cannot be a number or an Asterisk unique id.
 */
export function parseInboundPayload(rawBody: Buffer): InboundPayload | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const fields = body as Record<string, unknown>;
  const tiffPath = fields['tiff_path'];
  const to = fields['to_number'];
  if (typeof tiffPath !== 'string' || tiffPath.trim() === '' || tiffPath.includes('\0')) return null;
  if (typeof to !== 'string' || !NUMBER.test(to.trim())) return null;
  const from = optionalText(fields['from_number']);
  const faxStatus = optionalText(fields['faxstatus']);
  const uniqueid = optionalText(fields['uniqueid']);
  if (from === undefined || faxStatus === undefined || uniqueid === undefined) return null;
  if (from !== null && !NUMBER.test(from)) return null;
  if (uniqueid !== null && !UNIQUEID.test(uniqueid)) return null;
  const rawPages = fields['faxpages'];
  let pages: number | null = null;
  if (typeof rawPages === 'number' && Number.isInteger(rawPages) && rawPages >= 0) pages = rawPages;
  else if (typeof rawPages === 'string' && /^\d{1,5}$/.test(rawPages.trim())) pages = Number(rawPages.trim());
  else if (rawPages !== undefined && rawPages !== null && rawPages !== '') return null;
  return { tiffPath: tiffPath.trim(), to: to.trim(), from, faxStatus: faxStatus === null ? null : faxStatus.toUpperCase(), pages, uniqueid };
}
