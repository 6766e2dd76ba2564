import * as z from 'zod';
import type { FaxbotClient } from '@faxbot/api-client';
import { decodeBase64Document } from '../documents/base64.source';
import { readDocumentFromPath } from '../documents/file-path.source';
import type { LoadedDocument } from '../documents/loaded-document';
import { formatSize } from '../documents/format-size';
import { fetchDocumentFromUrl } from '../documents/url.source';
import { toolErrorFromApi } from './api-error.mapper';
import { faxJobOutputShape, toFaxJobOutput } from './fax-job.output';
import { normaliseFaxNumber } from './fax-number';
import type { ToolContext, ToolDefinition } from './tool-definition';
import { ToolError } from './tool-error';

/** What send_fax needs besides the API client. */
export interface SendFaxToolDeps {
  client: FaxbotClient;
  maxFileBytes: number;
  /** `filePath` handling: whether it is accepted at all, and the directories it must lie in. */
  files: { pathAllowed: boolean; roots: string[] | null };
  fetch: { timeoutMs: number; allowPrivateNetworks: boolean };
}

// What the Faxbot API accepts (libs/documents intake); it decides the type from the bytes.
const DOCUMENT_TYPES = ['pdf', 'txt', 'png', 'jpeg', 'tiff'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];

const inputSchema = {
  to: z.string().min(1).max(40).describe('Destination fax number in E.164 format, e.g. +15551234567'),
  filePath: z.string().min(1).max(4096).optional().describe('Absolute path of a PDF, TXT, PNG, JPEG or TIFF file on the machine running the MCP server (preferred for local files)'),
  fileUrl: z.string().min(1).max(4096).optional().describe('http(s) URL of a PDF, TXT, PNG, JPEG or TIFF document for the MCP server to download'),
  fileContent: z.string().min(1).optional().describe('Base64 of a small PDF, TXT, PNG, JPEG or TIFF document (give fileName too); prefer filePath or fileUrl'),
  fileName: z.string().min(1).max(255).optional().describe('Name of the fileContent document, e.g. referral.pdf'),
  fileType: z.enum(DOCUMENT_TYPES).optional().describe('Type of fileContent when fileName has no extension'),
};

type SendFaxInput = z.infer<z.ZodObject<typeof inputSchema>>;

function nameWithType(fileName: string | undefined, fileType: DocumentType | undefined): string | undefined {
  if (fileName === undefined || fileType === undefined || /\.[A-Za-z0-9]{1,5}$/.test(fileName)) return fileName;
  return `${fileName}.${fileType}`;
}

async function loadDocument(input: SendFaxInput, deps: SendFaxToolDeps, context: ToolContext): Promise<LoadedDocument> {
  const given = [input.filePath, input.fileUrl, input.fileContent].filter((value) => value !== undefined).length;
  if (given === 0) throw new ToolError('INVALID_INPUT', 'Give the document as one of filePath, fileUrl or fileContent (base64 with fileName)');
  if (given > 1) throw new ToolError('INVALID_INPUT', 'Give only one of filePath, fileUrl or fileContent');
  if (input.filePath !== undefined) {
    if (!deps.files.pathAllowed) {
      throw new ToolError('NOT_ALLOWED', 'filePath is not available on this connection (the MCP server runs remotely); use fileUrl or fileContent');
    }
    return readDocumentFromPath(input.filePath, { maxBytes: deps.maxFileBytes, roots: deps.files.roots });
  }
  if (input.fileUrl !== undefined) {
    return fetchDocumentFromUrl(input.fileUrl, { maxBytes: deps.maxFileBytes, ...deps.fetch, signal: context.signal });
  }
  if (input.fileName === undefined) throw new ToolError('INVALID_INPUT', 'fileName is required with fileContent, e.g. "letter.pdf"');
  return decodeBase64Document(input.fileContent as string, nameWithType(input.fileName, input.fileType), deps.maxFileBytes);
}

/**
 * `send_fax`: queues a fax and returns at once with the job; delivery is followed with
 * get_fax_status. The number is checked before the document is loaded, and every document
 * source enforces the size limit before holding the bytes.
 */
export function createSendFaxTool(deps: SendFaxToolDeps): ToolDefinition<typeof inputSchema, typeof faxJobOutputShape> {
  return {
    name: 'send_fax',
    title: 'Send fax',
    description:
      'Queue a fax of a PDF, plain-text (UTF-8), PNG, JPEG or TIFF document to a fax number in E.164 format (+ and country code); the Faxbot API recognises the type from the content and turns text and images into fax pages. ' +
      'Give exactly one document source: filePath (a local file), fileUrl (an http(s) link) or fileContent (base64, small documents only, with fileName). ' +
      `Documents may be at most ${formatSize(deps.maxFileBytes)}. Returns immediately with a jobId and status "queued"; follow delivery with get_fax_status.`,
    inputSchema,
    outputSchema: faxJobOutputShape,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, context) {
      const to = normaliseFaxNumber(input.to);
      const document = await loadDocument(input, deps, context);
      try {
        return toFaxJobOutput(await deps.client.sendFax({ to, document, signal: context.signal }));
      } catch (error) {
        throw toolErrorFromApi(error);
      }
    },
    logFields: (input) => ({
      to: input.to,
      source: input.filePath !== undefined ? 'filePath' : input.fileUrl !== undefined ? 'fileUrl' : input.fileContent !== undefined ? 'fileContent' : 'none',
    }),
  };
}
