import * as z from 'zod';
import { FaxbotApiError, type FaxbotClient } from '@faxbot/api-client';
import { formatSize } from '../documents/format-size';
import { toolErrorFromApi } from './api-error.mapper';
import { inboundIdSchema, inboundPdfUri } from './inbound-fax.output';
import { ToolReply, type ToolContentBlock, type ToolDefinition } from './tool-definition';
import { ToolError } from './tool-error';

/** What get_inbound_pdf needs besides the API client. */
export interface GetInboundPdfToolDeps {
  client: FaxbotClient;
  /** Largest PDF embedded as base64; bigger ones come as a resource link. */
  inlineMaxBytes: number;
  /** Largest PDF this server hands out at all (the resource read's limit). */
  pdfMaxBytes: number;
}

const NOT_FOUND = 'Inbound fax not found: no received fax has this inboundId';
const PDF = 'application/pdf';

const inputSchema = {
  inboundId: inboundIdSchema.describe('The inboundId list_inbound returned'),
  asBase64: z.boolean().optional().describe('true: embed the PDF as base64 in the result (small faxes only). Default false: return a resource link to read when needed'),
};

const outputSchema = {
  inboundId: z.string(),
  uri: z.string().describe('faxbot://inbound/{id}/pdf: read it with resources/read to get the PDF'),
  mimeType: z.literal(PDF),
  sizeBytes: z.number().int(),
  pages: z.number().int().nullable(),
  sha256: z.string().describe('SHA-256 of the PDF, hex'),
  receivedAt: z.string(),
  delivery: z.enum(['base64', 'resource_link']).describe('base64: the PDF is embedded in this result as a resource; resource_link: read uri to get it'),
  note: z.string().nullable().describe('Why a resource link was returned although base64 was asked for'),
};

type Output = z.infer<z.ZodObject<typeof outputSchema>>;

/**
 * `get_inbound_pdf(inboundId, asBase64?)`: a received fax's PDF, embedded as base64 when asked and
 * small enough for one message (`inlineMaxBytes`), otherwise as a link to the resource
 * `faxbot://inbound/{id}/pdf`. The fax's metadata is read first, so nothing bigger than a limit is
 * ever downloaded, and a PDF the server will not hand out at all is a clear `TOO_LARGE`.
 */
export function createGetInboundPdfTool(deps: GetInboundPdfToolDeps): ToolDefinition<typeof inputSchema, typeof outputSchema> {
  return {
    name: 'get_inbound_pdf',
    title: 'Get received fax PDF',
    description:
      'The PDF of a received fax (inboundId from list_inbound). By default returns a resource link (faxbot://inbound/{id}/pdf) the client can read; ' +
      `with asBase64 true the PDF is embedded as base64 when it is at most ${formatSize(deps.inlineMaxBytes)}. ` +
      'The fax may contain health or personal information: fetch it only when the user needs its content.',
    inputSchema,
    outputSchema,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    async run({ inboundId, asBase64 }, context) {
      try {
        const fax = await deps.client.getInbound(inboundId, { signal: context.signal });
        if (!fax.document_available) {
          throw new ToolError('NOT_FOUND', 'The PDF of this fax is no longer available: it was deleted after the retention period');
        }
        if (fax.size_bytes > deps.pdfMaxBytes) {
          throw new ToolError(
            'TOO_LARGE',
            `This fax's PDF is ${formatSize(fax.size_bytes)}, more than the ${formatSize(deps.pdfMaxBytes)} this MCP server sends (MCP_INBOUND_PDF_MAX_BYTES). ` +
              'Download it from the Faxbot API (GET /inbound/{id}/pdf) instead.',
          );
        }
        const uri = inboundPdfUri(fax.id);
        const base: Omit<Output, 'delivery' | 'note'> = {
          inboundId: fax.id,
          uri,
          mimeType: PDF,
          sizeBytes: fax.size_bytes,
          pages: fax.pages,
          sha256: fax.sha256,
          receivedAt: fax.received_at,
        };
        const link = (note: string | null): ToolReply<Output> => {
          const block: ToolContentBlock = { type: 'resource_link', uri, name: `inbound_${fax.id}.pdf`, title: 'Received fax (PDF)', mimeType: PDF, size: fax.size_bytes };
          return new ToolReply({ ...base, delivery: 'resource_link', note }, [block]);
        };
        if (asBase64 !== true) return link(null);
        const tooLargeNote = `The PDF is larger than ${formatSize(deps.inlineMaxBytes)}, the most embedded as base64 (MCP_INBOUND_INLINE_MAX_BYTES); read the resource uri instead.`;
        if (fax.size_bytes > deps.inlineMaxBytes) return link(tooLargeNote);
        let bytes: Buffer;
        try {
          bytes = await deps.client.getInboundPdf(fax.id, { maxBytes: deps.inlineMaxBytes, signal: context.signal });
        } catch (error) {
          // The record said small, the document is not: hand out the link rather than fail.
          if (error instanceof FaxbotApiError && error.code === 'TOO_LARGE') return link(tooLargeNote);
          throw error;
        }
        return new ToolReply({ ...base, sizeBytes: bytes.length, delivery: 'base64', note: null }, [{ type: 'resource', resource: { uri, mimeType: PDF, blob: bytes.toString('base64') } }]);
      } catch (error) {
        throw toolErrorFromApi(error, NOT_FOUND);
      }
    },
    logFields: ({ inboundId, asBase64 }) => ({ inboundId, inline: asBase64 === true }),
    logOutput: (output) => ({ delivery: output.delivery }),
  };
}
