import type { PhaxioError, PhaxioFax } from './phaxio-fax';
import type { PhaxioLineOutcome } from './phaxio-test-numbers';

/** One document the simulator received for a fax: an uploaded file part or a fetched `content_url`. */
export interface PhaxioReceivedDocument {
  source: 'file' | 'content_url';
  /** The file part's filename; null for a `content_url`. */
  fileName: string | null;
  /** The `content_url` as given (it carries its token); null for a file part. */
  contentUrl: string | null;
  /** HTTP status of fetching the `content_url`, or null (file part, or the fetch failed outright). */
  fetchStatus: number | null;
  bytes: Buffer;
}

/** Everything the simulator knows about one fax; `fax` is the live Fax object the API returns. */
export interface PhaxioSimulatedFax {
  readonly id: number;
  fax: PhaxioFax;
  /** Where its callbacks go (`callback_url`, else the account default); null for none. */
  callbackUrl: string | null;
  /** The outcome per recipient, by the test-number rules. */
  outcomes: PhaxioLineOutcome[];
  documents: PhaxioReceivedDocument[];
  /** Set when a document could not be fetched or read: every recipient then fails with it. */
  conversionError: PhaxioError | null;
  /** Every text field of the create request (or the inbound delivery), in arrival order. */
  requestFields: Array<{ name: string; value: string }>;
}

/** Total bytes the simulator received or fetched for a fax. */
export function phaxioDocumentBytes(fax: PhaxioSimulatedFax): number {
  return fax.documents.reduce((sum, document) => sum + document.bytes.length, 0);
}
