/**
 * A received fax as `GET /inbound` and `GET /inbound/{id}` return it (docs/inbound.md, "The
 * inbound fax object"). Field names are the API's own (`fr` is the original's name for the caller).
 */
export interface InboundFax {
  id: string;
  /** The caller; `null` when the provider does not say. PHI: never log it unmasked. */
  fr: string | null;
  /** The number that received the fax. PHI: never log it unmasked. */
  to: string;
  /** `received` today. */
  status: string;
  /** The plugin instance the fax came through. */
  backend: string;
  pages: number | null;
  size_bytes: number;
  sha256: string;
  mailbox: string | null;
  /** False once retention (or an operator) deleted the document; the record stays. */
  document_available: boolean;
  retention_until: string | null;
  created_at: string;
  received_at: string;
  updated_at: string;
}

/** Filters and paging of {@link FaxbotClient.listInbound}; every field is optional. */
export interface ListInboundQuery {
  /** Only faxes to this number (exact, e.g. `+15550001111`). */
  toNumber?: string;
  /** Only this status (`received`). */
  status?: string;
  /** Only faxes routed to this mailbox label. */
  mailbox?: string;
  /** Page size, 1–100; the API's default is 50. */
  limit?: number;
  /** Where the previous page ended: its {@link InboundPage.nextCursor}. */
  cursor?: string;
}

/** One page of received faxes, newest first. */
export interface InboundPage {
  items: InboundFax[];
  /** Pass it as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/** `POST /inbound/{id}/token`: a download link that works without an API key until it expires. */
export interface InboundToken {
  token: string;
  /** `<PUBLIC_API_URL>/inbound/{id}/pdf?token=…`. Anyone holding it can download the fax. */
  url: string;
  expires_at: string;
}
