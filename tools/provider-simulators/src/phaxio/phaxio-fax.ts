/**
 * Status words of a Phaxio fax (https://www.phaxio.com/docs/statuses). `cancelled` is not on that
 * page; the simulator reports it for a cancelled fax (see the README).
 */
export type PhaxioFaxStatus = 'queued' | 'pendingbatch' | 'inprogress' | 'success' | 'failure' | 'partialsuccess' | 'cancelled';

/** Recipient-level status words: the fax statuses plus the finer call states. */
export type PhaxioRecipientStatus = PhaxioFaxStatus | 'ringing' | 'callactive' | 'willretry';

/** Why a fax or a recipient failed, in Phaxio's terms (https://www.phaxio.com/docs/errorMessages). */
export interface PhaxioError {
  error_type: string;
  error_id: number;
  error_message: string;
}

/** One destination of a sent fax, as Phaxio's Fax object lists it. */
export interface PhaxioRecipient {
  phone_number: string;
  status: PhaxioRecipientStatus;
  retry_count: number;
  completed_at: string | null;
  bitrate: number | null;
  resolution: number | null;
  error_type: string | null;
  error_id: number | null;
  error_message: string | null;
}

/**
 * Phaxio's Fax object (https://www.phaxio.com/docs/api/v2/intro/objects), field for field as the
 * v2.1 API returns it in `data` and as webhooks carry it in their `fax` field.
 */
export interface PhaxioFax {
  id: number;
  direction: 'sent' | 'received';
  num_pages: number;
  /** In cents. */
  cost: number;
  status: PhaxioFaxStatus;
  is_test: boolean;
  created_at: string;
  caller_id: string | null;
  from_number: string | null;
  to_number: string | null;
  caller_name: string | null;
  recipients: PhaxioRecipient[];
  tags: Record<string, string>;
  error_type: string | null;
  error_id: number | null;
  error_message: string | null;
  completed_at: string | null;
}

/** Phaxio's timestamp form: RFC 3339 with milliseconds. */
export function phaxioTime(at: Date = new Date()): string {
  return at.toISOString();
}
