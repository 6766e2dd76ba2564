/**
 * The parts of Phaxio's Fax object (https://www.phaxio.com/docs/api/v2/intro/objects) the plugin
 * reads. Everything but `id` may be missing or null in what Phaxio sends.
 */
export interface PhaxioFax {
  id: string;
  direction: string | null;
  status: string | null;
  numPages: number | null;
  errorType: string | null;
  errorId: number | null;
  errorMessage: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  createdAt: string | null;
  completedAt: string | null;
  recipients: Array<{ status: string | null; errorType: string | null; errorId: number | null; errorMessage: string | null }>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function integer(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : null;
}

/**
 * Reads a Fax object from Phaxio's JSON (the API's `data`, a webhook's `fax` field), defensively:
 * returns null unless it is an object with a usable `id`.
 */
export function readPhaxioFax(value: unknown): PhaxioFax | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const id = typeof raw['id'] === 'number' && Number.isSafeInteger(raw['id']) ? String(raw['id']) : text(raw['id']);
  if (id === null || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const recipients = Array.isArray(raw['recipients']) ? (raw['recipients'] as unknown[]) : [];
  return {
    id,
    direction: text(raw['direction']),
    status: text(raw['status']),
    numPages: integer(raw['num_pages']),
    errorType: text(raw['error_type']),
    errorId: integer(raw['error_id']),
    errorMessage: text(raw['error_message']),
    fromNumber: text(raw['from_number']),
    toNumber: text(raw['to_number']),
    createdAt: text(raw['created_at']),
    completedAt: text(raw['completed_at']),
    recipients: recipients
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      .map((item) => ({ status: text(item['status']), errorType: text(item['error_type']), errorId: integer(item['error_id']), errorMessage: text(item['error_message']) })),
  };
}
