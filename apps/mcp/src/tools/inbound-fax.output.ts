import * as z from 'zod';
import type { InboundFax } from '@faxbot/api-client';

/** An inbound fax id as the API issues them (32 hex characters); a looser pattern keeps other ids valid. */
export const inboundIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be an inbound fax id as list_inbound returns it (letters, digits, "-" and "_")');

/** The URI template of a received fax's PDF, readable with `resources/read`. */
export const INBOUND_PDF_URI_TEMPLATE = 'faxbot://inbound/{id}/pdf';

/** The resource URI of one received fax's PDF. */
export function inboundPdfUri(id: string): string {
  return `faxbot://inbound/${encodeURIComponent(id)}/pdf`;
}

/** One received fax in list_inbound's output: what a model needs, without storage details. */
export const inboundFaxItemShape = {
  inboundId: z.string().describe('Pass it to get_inbound_pdf'),
  from: z.string().nullable().describe('The caller; null when the provider does not say'),
  to: z.string().describe('The number that received the fax'),
  status: z.string().describe('"received"'),
  pages: z.number().int().nullable(),
  sizeBytes: z.number().int().describe('Size of the PDF in bytes'),
  mailbox: z.string().nullable().describe('Mailbox the fax was routed to, if any'),
  documentAvailable: z.boolean().describe('False once the PDF was deleted after the retention period'),
  receivedAt: z.string(),
  pdfUri: z.string().nullable().describe('faxbot://inbound/{id}/pdf, readable as a resource; null when the PDF is gone'),
};

/** list_inbound's item. */
export type InboundFaxItem = z.infer<z.ZodObject<typeof inboundFaxItemShape>>;

/** Maps the API's inbound fax object to list_inbound's item. */
export function toInboundFaxItem(fax: InboundFax): InboundFaxItem {
  return {
    inboundId: fax.id,
    from: fax.fr,
    to: fax.to,
    status: fax.status,
    pages: fax.pages,
    sizeBytes: fax.size_bytes,
    mailbox: fax.mailbox,
    documentAvailable: fax.document_available,
    receivedAt: fax.received_at,
    pdfUri: fax.document_available ? inboundPdfUri(fax.id) : null,
  };
}
