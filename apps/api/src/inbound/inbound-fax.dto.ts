import type { InboundFaxRecord } from '@faxbot/db';

/** A received fax in the public API: the original's `InboundFaxOut`, plus what this gateway adds. */
export interface InboundFaxDto {
  id: string;
  /** Caller (the original's field name). */
  fr: string | null;
  to: string;
  status: string;
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

/** Maps a stored inbound fax to its API shape. */
export function toInboundFaxDto(fax: InboundFaxRecord): InboundFaxDto {
  return {
    id: fax.id,
    fr: fax.fromNumber,
    to: fax.toNumber,
    status: fax.status,
    backend: fax.backend,
    pages: fax.pages,
    size_bytes: fax.sizeBytes,
    sha256: fax.sha256,
    mailbox: fax.mailboxLabel,
    document_available: fax.documentKey !== null,
    retention_until: fax.retentionUntil?.toISOString() ?? null,
    created_at: fax.createdAt.toISOString(),
    received_at: fax.receivedAt.toISOString(),
    updated_at: fax.updatedAt.toISOString(),
  };
}
