import { phaxioTime, type PhaxioFax } from './phaxio-fax';
import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';
import { countPages } from './count-pages';

/** A fax "arriving" at one of the account's numbers, for {@link PhaxioSimulator.deliverInbound}. */
export interface PhaxioInboundDelivery {
  /** The account's receive webhook URL (the signature covers it, query string included). */
  url: string;
  /** The account's number that received the fax (E.164). */
  to: string;
  /** The caller's number; null when withheld. Default `+15550001111`. */
  from?: string | null;
  /** The received document as Phaxio delivers it: a PDF. */
  pdf: Buffer;
  /** Default: counted from the PDF. */
  pages?: number;
  callerName?: string | null;
  /** Sign with this token instead of the account's (to forge a delivery in a test). */
  signWith?: string;
  /** Leave the file part out (default false), to test a receiver's fallback to `GET /faxes/{id}/file`. */
  omitFile?: boolean;
}

/** The received fax as Phaxio stores it (direction `received`, status `success`). */
export function createInboundFax(id: number, delivery: PhaxioInboundDelivery, isTest: boolean): PhaxioSimulatedFax {
  const now = phaxioTime();
  const fax: PhaxioFax = {
    id,
    direction: 'received',
    num_pages: delivery.pages ?? countPages(delivery.pdf, 'fax.pdf'),
    cost: 0,
    status: 'success',
    is_test: isTest,
    created_at: now,
    caller_id: null,
    from_number: delivery.from === undefined ? '+15550001111' : delivery.from,
    to_number: delivery.to,
    caller_name: delivery.callerName ?? null,
    recipients: [],
    tags: {},
    error_type: null,
    error_id: null,
    error_message: null,
    completed_at: now,
  };
  return {
    id,
    fax,
    callbackUrl: delivery.url,
    outcomes: [],
    documents: [{ source: 'file', fileName: `Fax-${id}.pdf`, contentUrl: null, fetchStatus: null, bytes: delivery.pdf }],
    conversionError: null,
    requestFields: [],
  };
}
