import { FaxbotApiError, type FaxbotClient } from '@faxbot/api-client';
import { formatSize } from '../documents/format-size';
import { toolErrorFromApi } from '../tools/api-error.mapper';
import { INBOUND_PDF_URI_TEMPLATE, inboundIdSchema, inboundPdfUri } from '../tools/inbound-fax.output';
import { ToolError } from '../tools/tool-error';
import type { ResourceTemplateDefinition } from './resource-definition';

/** What the inbound PDF resource needs. */
export interface InboundPdfResourceDeps {
  client: FaxbotClient;
  /** Largest PDF a read returns; bigger ones are refused with TOO_LARGE. */
  pdfMaxBytes: number;
  /** How many recent faxes `resources/list` offers; default 50. */
  listLimit?: number;
}

const PDF = 'application/pdf';
const NOT_FOUND = 'Inbound fax not found: no received fax has this id, or its PDF was deleted after the retention period';

/**
 * `faxbot://inbound/{id}/pdf`: the PDF of a received fax. `resources/list` offers the most recent
 * received faxes whose document is still kept (a key without `inbound:list`, or inbound switched
 * off, simply lists none); `resources/read` returns the PDF as a base64 blob, at most `pdfMaxBytes`.
 */
export function createInboundPdfResource(deps: InboundPdfResourceDeps): ResourceTemplateDefinition {
  return {
    name: 'inbound_fax_pdf',
    uriTemplate: INBOUND_PDF_URI_TEMPLATE,
    title: 'Received fax (PDF)',
    description: 'The PDF of a received fax; {id} is the inboundId list_inbound returns. May contain health or personal information.',
    mimeType: PDF,
    async list(context) {
      let items;
      try {
        ({ items } = await deps.client.listInbound({ limit: deps.listLimit ?? 50, signal: context.signal }));
      } catch (error) {
        if (error instanceof FaxbotApiError && (error.code === 'NOT_ENABLED' || error.code === 'FORBIDDEN')) return [];
        throw toolErrorFromApi(error);
      }
      return items
        .filter((fax) => fax.document_available)
        .map((fax) => ({
          uri: inboundPdfUri(fax.id),
          name: `inbound_${fax.id}.pdf`,
          title: `Fax received ${fax.received_at}${fax.pages === null ? '' : `, ${fax.pages} page${fax.pages === 1 ? '' : 's'}`}`,
          mimeType: PDF,
          size: fax.size_bytes,
        }));
    },
    async read(uri, variables, context) {
      const id = variables['id'] ?? '';
      if (!inboundIdSchema.safeParse(id).success) throw new ToolError('INVALID_INPUT', 'Not an inbound fax URI: expected faxbot://inbound/{id}/pdf with an inboundId from list_inbound');
      try {
        const bytes = await deps.client.getInboundPdf(id, { maxBytes: deps.pdfMaxBytes, signal: context.signal });
        return { uri, mimeType: PDF, blob: bytes.toString('base64') };
      } catch (error) {
        if (error instanceof FaxbotApiError && error.code === 'TOO_LARGE' && error.status < 300) {
          throw new ToolError(
            'TOO_LARGE',
            `This fax's PDF is larger than the ${formatSize(deps.pdfMaxBytes)} this MCP server sends (MCP_INBOUND_PDF_MAX_BYTES). Download it from the Faxbot API (GET /inbound/{id}/pdf) instead.`,
            { cause: error },
          );
        }
        throw toolErrorFromApi(error, NOT_FOUND);
      }
    },
  };
}
