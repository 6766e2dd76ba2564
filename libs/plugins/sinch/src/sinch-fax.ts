/**
 * The members of Sinch's Fax object the plugin reads (`GET /faxes/{id}`, the send answer, the
 * `fax` part of a callback). Everything but `id` may be missing.
 */
export interface SinchFax {
  id: string;
  direction?: string;
  status?: string;
  to?: string;
  from?: string;
  numberOfPages?: number;
  errorType?: string;
  /** Numeric in the API reference; some SDK versions type it as a string. */
  errorCode?: number | string;
  createTime?: string;
  completedTime?: string;
  hasFile?: string | boolean;
}

const TEXT_FIELDS = ['direction', 'status', 'to', 'from', 'errorType', 'createTime', 'completedTime'] as const;

/**
 * Reads a Fax object from parsed JSON, keeping only members of the expected type; null when it has
 * no usable `id`. A multi-recipient send answers an array: its first fax is taken.
 */
export function parseSinchFax(value: unknown): SinchFax | null {
  const candidate = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const record = candidate as Record<string, unknown>;
  if (typeof record['id'] !== 'string' || record['id'] === '') return null;
  const fax: SinchFax = { id: record['id'] };
  for (const field of TEXT_FIELDS) if (typeof record[field] === 'string') fax[field] = record[field];
  if (typeof record['numberOfPages'] === 'number' && Number.isSafeInteger(record['numberOfPages'])) fax.numberOfPages = record['numberOfPages'];
  if (typeof record['errorCode'] === 'number' || typeof record['errorCode'] === 'string') fax.errorCode = record['errorCode'];
  if (typeof record['hasFile'] === 'string' || typeof record['hasFile'] === 'boolean') fax.hasFile = record['hasFile'];
  return fax;
}
