import { FaxbotApiError, type FaxbotApiErrorCode, type FaxbotClient, type InboundFax } from '@faxbot/api-client';
import { createInboundPdfResource } from '../resources/inbound-pdf.resource';
import { createGetInboundPdfTool } from './get-inbound-pdf.tool';
import { createListInboundTool } from './list-inbound.tool';
import { ToolReply } from './tool-definition';
import { ToolError, type ToolErrorCode } from './tool-error';

const FAX: InboundFax = {
  id: 'a'.repeat(32),
  fr: '+15557778888',
  to: '+15550001111',
  status: 'received',
  backend: 'phaxio',
  pages: 1,
  size_bytes: 100,
  sha256: 'b'.repeat(64),
  mailbox: null,
  document_available: true,
  retention_until: null,
  created_at: '2026-01-05T09:30:00.000Z',
  received_at: '2026-01-05T09:29:58.000Z',
  updated_at: '2026-01-05T09:30:00.000Z',
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(91, 0x41)]);
const context = { signal: new AbortController().signal };

function fakeClient(overrides: Partial<FaxbotClient>): FaxbotClient {
  const unused = (): never => {
    throw new Error('not expected in this test');
  };
  return { health: unused, sendFax: unused, getFax: unused, cancelFax: unused, capabilities: unused, listInbound: unused, getInbound: unused, getInboundPdf: unused, createInboundToken: unused, sendMessage: unused, getMessage: unused, listConversations: unused, replyToConversation: unused, ...overrides };
}

async function toolError(promise: Promise<unknown>): Promise<ToolError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ToolError);
  return caught as ToolError;
}

const failing = (code: FaxbotApiErrorCode, status: number, detail: string) => () => Promise.reject(new FaxbotApiError(code, status, detail));

const API_ERRORS: Array<[FaxbotApiErrorCode, number, string, ToolErrorCode, string]> = [
  ['NOT_ENABLED', 404, 'Inbound not enabled', 'NOT_ENABLED', 'INBOUND_ENABLED=false'],
  ['FORBIDDEN', 403, 'Insufficient scope: inbound:read required', 'FORBIDDEN', 'Insufficient scope: inbound:read required'],
  ['UNAUTHORIZED', 401, 'Invalid or missing API key', 'UNAUTHORIZED', 'API_KEY'],
  ['INVALID_INPUT', 400, 'Invalid cursor', 'INVALID_INPUT', 'Invalid cursor'],
  ['UNAVAILABLE', 503, 'HTTP 503', 'UNAVAILABLE', 'try again later'],
  ['NETWORK', 0, 'Cannot reach the Faxbot API (ECONNREFUSED)', 'UNAVAILABLE', 'ECONNREFUSED'],
];

describe('list_inbound', () => {
  it('passes the normalised filters and maps items without storage fields', async () => {
    const listInbound = jest.fn().mockResolvedValue({ items: [FAX], nextCursor: 'next' });
    const tool = createListInboundTool({ client: fakeClient({ listInbound }) });
    const output = await tool.run({ toNumber: '+1 (555) 000-1111', mailbox: 'front-desk', cursor: 'c' }, context);
    expect(listInbound).toHaveBeenCalledWith({ limit: 20, cursor: 'c', toNumber: '+15550001111', mailbox: 'front-desk', signal: context.signal });
    expect(output).toEqual({
      items: [{ inboundId: FAX.id, from: FAX.fr, to: FAX.to, status: 'received', pages: 1, sizeBytes: 100, mailbox: null, documentAvailable: true, receivedAt: FAX.received_at, pdfUri: `faxbot://inbound/${FAX.id}/pdf` }],
      nextCursor: 'next',
    });
  });

  it('gives no resource URI for a fax whose document is gone', async () => {
    const tool = createListInboundTool({ client: fakeClient({ listInbound: async () => ({ items: [{ ...FAX, document_available: false }], nextCursor: null }) }) });
    const output = (await tool.run({}, context)) as { items: Array<{ pdfUri: string | null }> };
    expect(output.items[0]?.pdfUri).toBeNull();
  });

  it('refuses a filter number that is not E.164-like before calling the API, without repeating it', async () => {
    const error = await toolError(createListInboundTool({ client: fakeClient({}) }).run({ toNumber: 'reception 12' }, context));
    expect([error.code, error.message.includes('reception')]).toEqual(['INVALID_INPUT', false]);
  });

  it.each(API_ERRORS)('maps the API error %s (%i "%s") to %s', async (apiCode, status, detail, code, text) => {
    const error = await toolError(createListInboundTool({ client: fakeClient({ listInbound: failing(apiCode, status, detail) }) }).run({}, context));
    expect([error.code, error.message]).toEqual([code, expect.stringContaining(text)]);
  });

  it('logs neither the filter number nor the listed numbers', () => {
    const tool = createListInboundTool({ client: fakeClient({}) });
    expect(JSON.stringify(tool.logFields?.({ toNumber: '+15550001111', limit: 5 }))).not.toContain('5550001111');
    expect(tool.logOutput?.({ items: [], nextCursor: null })).toEqual({ count: 0, more: false });
  });
});

describe('get_inbound_pdf', () => {
  const limits = { inlineMaxBytes: 1_000, pdfMaxBytes: 5_000 };

  it('embeds a small PDF as base64 when asked', async () => {
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => FAX, getInboundPdf: async () => PDF }), ...limits });
    const reply = (await tool.run({ inboundId: FAX.id, asBase64: true }, context)) as ToolReply<Record<string, unknown>>;
    expect(reply).toBeInstanceOf(ToolReply);
    expect(reply.output).toMatchObject({ delivery: 'base64', sizeBytes: PDF.length, note: null });
    expect(reply.content).toEqual([{ type: 'resource', resource: { uri: `faxbot://inbound/${FAX.id}/pdf`, mimeType: 'application/pdf', blob: PDF.toString('base64') } }]);
  });

  it('links the resource by default, without downloading', async () => {
    const getInboundPdf = jest.fn();
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => FAX, getInboundPdf }), ...limits });
    const reply = (await tool.run({ inboundId: FAX.id }, context)) as ToolReply<Record<string, unknown>>;
    expect(reply.output).toMatchObject({ delivery: 'resource_link', note: null });
    expect(reply.content[0]).toMatchObject({ type: 'resource_link', uri: `faxbot://inbound/${FAX.id}/pdf`, size: 100 });
    expect(getInboundPdf).not.toHaveBeenCalled();
  });

  it.each([
    ['the record says it is over the inline limit', { ...FAX, size_bytes: 2_000 }, async () => PDF],
    ['the download turns out over the inline limit', FAX, failing('TOO_LARGE', 200, 'The document is larger than 1000 bytes')],
  ])('links the resource with a note when %s', async (_label, fax, getInboundPdf) => {
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => fax, getInboundPdf }), ...limits });
    const reply = (await tool.run({ inboundId: FAX.id, asBase64: true }, context)) as ToolReply<Record<string, unknown>>;
    expect(reply.output).toMatchObject({ delivery: 'resource_link', note: expect.stringContaining('MCP_INBOUND_INLINE_MAX_BYTES') });
  });

  it('refuses a PDF over the server limit as TOO_LARGE', async () => {
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => ({ ...FAX, size_bytes: 6_000 }) }), ...limits });
    const error = await toolError(tool.run({ inboundId: FAX.id }, context));
    expect([error.code, error.message]).toEqual(['TOO_LARGE', expect.stringContaining('MCP_INBOUND_PDF_MAX_BYTES')]);
  });

  it('reports a document deleted by retention as NOT_FOUND', async () => {
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => ({ ...FAX, document_available: false }) }), ...limits });
    const error = await toolError(tool.run({ inboundId: FAX.id }, context));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('retention')]);
  });

  it.each([...API_ERRORS, ['NOT_FOUND', 404, 'Inbound fax not found', 'NOT_FOUND', 'no received fax has this inboundId'] as const])(
    'maps the API error %s (%i "%s") to %s',
    async (apiCode, status, detail, code, text) => {
      const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: failing(apiCode, status, detail) }), ...limits });
      const error = await toolError(tool.run({ inboundId: FAX.id, asBase64: true }, context));
      expect([error.code, error.message]).toEqual([code, expect.stringContaining(text)]);
    },
  );

  it('maps an error of the download itself too', async () => {
    const tool = createGetInboundPdfTool({ client: fakeClient({ getInbound: async () => FAX, getInboundPdf: failing('NOT_FOUND', 404, 'PDF file not found') }), ...limits });
    expect((await toolError(tool.run({ inboundId: FAX.id, asBase64: true }, context))).code).toBe('NOT_FOUND');
  });
});

describe('the faxbot://inbound/{id}/pdf resource', () => {
  it('lists recent faxes that still have a document, without numbers', async () => {
    const listInbound = jest.fn().mockResolvedValue({ items: [FAX, { ...FAX, id: 'c'.repeat(32), document_available: false }], nextCursor: null });
    const entries = await createInboundPdfResource({ client: fakeClient({ listInbound }), pdfMaxBytes: 5_000 }).list(context);
    expect(entries).toEqual([{ uri: `faxbot://inbound/${FAX.id}/pdf`, name: `inbound_${FAX.id}.pdf`, title: `Fax received ${FAX.received_at}, 1 page`, mimeType: 'application/pdf', size: 100 }]);
    expect(listInbound).toHaveBeenCalledWith({ limit: 50, signal: context.signal });
  });

  it.each<[FaxbotApiErrorCode, number]>([
    ['NOT_ENABLED', 404],
    ['FORBIDDEN', 403],
  ])('lists nothing when the API answers %s', async (code, status) => {
    const resource = createInboundPdfResource({ client: fakeClient({ listInbound: failing(code, status, 'x') }), pdfMaxBytes: 5_000 });
    await expect(resource.list(context)).resolves.toEqual([]);
  });

  it('fails the list when the API is down', async () => {
    const resource = createInboundPdfResource({ client: fakeClient({ listInbound: failing('NETWORK', 0, 'Cannot reach the Faxbot API (ECONNREFUSED)') }), pdfMaxBytes: 5_000 });
    expect((await toolError(resource.list(context))).code).toBe('UNAVAILABLE');
  });

  it('reads a PDF as a base64 blob within the limit', async () => {
    const getInboundPdf = jest.fn().mockResolvedValue(PDF);
    const resource = createInboundPdfResource({ client: fakeClient({ getInboundPdf }), pdfMaxBytes: 5_000 });
    const uri = `faxbot://inbound/${FAX.id}/pdf`;
    await expect(resource.read(uri, { id: FAX.id }, context)).resolves.toEqual({ uri, mimeType: 'application/pdf', blob: PDF.toString('base64') });
    expect(getInboundPdf).toHaveBeenCalledWith(FAX.id, { maxBytes: 5_000, signal: context.signal });
  });

  it.each<[string, Partial<FaxbotClient>, string, ToolErrorCode]>([
    ['a malformed id', {}, '../x', 'INVALID_INPUT'],
    ['a PDF over the limit', { getInboundPdf: failing('TOO_LARGE', 200, 'too large') }, FAX.id, 'TOO_LARGE'],
    ['an unknown fax', { getInboundPdf: failing('NOT_FOUND', 404, 'Inbound fax not found') }, FAX.id, 'NOT_FOUND'],
    ['inbound switched off', { getInboundPdf: failing('NOT_ENABLED', 404, 'Inbound not enabled') }, FAX.id, 'NOT_ENABLED'],
    ['a key without inbound:read', { getInboundPdf: failing('FORBIDDEN', 403, 'Insufficient scope: inbound:read required') }, FAX.id, 'FORBIDDEN'],
  ])('refuses a read of %s', async (_label, overrides, id, code) => {
    const resource = createInboundPdfResource({ client: fakeClient(overrides), pdfMaxBytes: 5_000 });
    expect((await toolError(resource.read(`faxbot://inbound/${id}/pdf`, { id }, context))).code).toBe(code);
  });
});
