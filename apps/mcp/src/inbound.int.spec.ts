import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createFaxbotClient } from '@faxbot/api-client';
import { createStderrLogger } from './logging/stderr.logger';
import { createServer } from './server';
import { INBOUND_FROM, INBOUND_TO, receivedPdf, startInboundApi, type InboundApi } from './testing/inbound.test-helpers';
import { callTool, Client, connectInMemory, connectRemote, MCP_CLI, StdioClientTransport, StreamableHTTPClientTransport, textOf, type CallToolResult } from './testing/mcp-client.test-helpers';
import { startMcpHttp, startMcpRemote, type RunningMcpHttp } from './testing/mcp-process.test-helpers';

const INLINE_MAX = 16_000;
const PDF_MAX = 40_000;
const HTTP_KEY = randomBytes(24).toString('hex');
// Digits of the numbers in every spelling a log could hold them.
const NUMBER_DIGITS = [INBOUND_TO.slice(1), INBOUND_FROM.slice(1), INBOUND_TO.slice(2), INBOUND_FROM.slice(2)];

const codeOf = (result: CallToolResult): unknown => (result.isError ? result._meta?.['faxbot/error_code'] : 'ok');

function blobOf(result: { contents: Array<Record<string, unknown>> }): Buffer {
  return Buffer.from(String(result.contents[0]?.['blob']), 'base64');
}

interface Connected {
  client: Client;
  stderr(): string;
  close(): Promise<void>;
}

const MCP_ENV = (inbound: InboundApi): Record<string, string> => ({
  FAX_API_URL: inbound.api.url,
  API_KEY: inbound.api.apiKey,
  MCP_LOG_LEVEL: 'debug',
  MCP_INBOUND_INLINE_MAX_BYTES: String(INLINE_MAX),
  MCP_INBOUND_PDF_MAX_BYTES: String(PDF_MAX),
  // No MCP plugins, wherever jest runs from: the default config/mcp-plugins.json is relative to the
  // working directory, and the repository root has one that enables fax-number.
  MCP_PLUGINS_CONFIG: join(tmpdir(), `faxbot-no-mcp-plugins-${randomBytes(6).toString('hex')}.json`),
});

const TRANSPORTS: Array<[string, (inbound: InboundApi) => Promise<Connected>]> = [
  [
    'stdio',
    async (inbound) => {
      let stderr = '';
      const transport = new StdioClientTransport({ command: process.execPath, args: [MCP_CLI, '--transport', 'stdio'], env: { PATH: process.env['PATH'] ?? '', ...MCP_ENV(inbound) }, stderr: 'pipe' });
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
      await client.connect(transport);
      return { client, stderr: () => stderr, close: () => client.close() };
    },
  ],
  [
    'Streamable HTTP',
    async (inbound) => {
      const mcp: RunningMcpHttp = await startMcpHttp({ ...MCP_ENV(inbound), MCP_HTTP_API_KEYS: HTTP_KEY });
      const client = new Client({ name: 'faxbot-mcp-test', version: '0.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { requestInit: { headers: { Authorization: `Bearer ${HTTP_KEY}` } } }));
      return {
        client,
        stderr: () => mcp.stderr(),
        close: async () => {
          await client.close();
          await mcp.stop();
        },
      };
    },
  ],
  ...(['sse', 'ws'] as const).map((kind): [string, (inbound: InboundApi) => Promise<Connected>] => [
    kind === 'sse' ? 'legacy SSE' : 'WebSocket',
    async (inbound) => {
      const mcp = await startMcpRemote(kind, { ...MCP_ENV(inbound), MCP_HTTP_API_KEYS: HTTP_KEY });
      const client = await connectRemote(kind, mcp.url, HTTP_KEY);
      return {
        client,
        stderr: () => mcp.stderr(),
        close: async () => {
          await client.close();
          await mcp.stop();
        },
      };
    },
  ]),
];

describe('inbound faxes through the MCP server, against the real API and the Phaxio simulator', () => {
  jest.setTimeout(120_000);
  let inbound: InboundApi;
  const small = receivedPdf(3_000, 1);
  const medium = receivedPdf(INLINE_MAX + 4_000, 2);
  const large = receivedPdf(PDF_MAX + 4_000, 3);
  const ids = { small: '', medium: '', large: '' };

  beforeAll(async () => {
    inbound = await startInboundApi({ inboundEnabled: true });
    ids.large = await inbound.deliver(large);
    ids.medium = await inbound.deliver(medium);
    ids.small = await inbound.deliver(small);
  });

  afterAll(async () => {
    await inbound?.stop();
  });

  describe.each(TRANSPORTS)('over %s', (_name, connect) => {
    let mcp: Connected;

    beforeAll(async () => {
      mcp = await connect(inbound);
    });
    afterAll(async () => {
      await mcp?.close();
    });

    it('lists the inbound tools, read-only, with input and output schemas', async () => {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['cancel_fax', 'get_fax', 'get_fax_status', 'get_inbound_pdf', 'list_inbound', 'send_fax']);
      const list = tools.find((tool) => tool.name === 'list_inbound')!;
      const pdf = tools.find((tool) => tool.name === 'get_inbound_pdf')!;
      expect(Object.keys(list.inputSchema.properties ?? {}).sort()).toEqual(['cursor', 'limit', 'mailbox', 'toNumber']);
      expect(Object.keys(pdf.inputSchema.properties ?? {}).sort()).toEqual(['asBase64', 'inboundId']);
      expect(pdf.inputSchema.required).toEqual(['inboundId']);
      for (const tool of [list, pdf]) {
        expect(tool.outputSchema?.type).toBe('object');
        expect(tool.annotations).toMatchObject({ readOnlyHint: true });
      }
    });

    it('list_inbound lists the delivered faxes newest first, with their numbers, and pages with a cursor', async () => {
      const result = await callTool(mcp.client, 'list_inbound', {});
      expect(codeOf(result)).toBe('ok');
      const { items, nextCursor } = result.structuredContent as { items: Array<Record<string, unknown>>; nextCursor: string | null };
      // Newest first by received_at; faxes delivered within the same second may come in any order.
      expect(items.map((item) => item['inboundId']).sort()).toEqual([ids.small, ids.medium, ids.large].sort());
      expect(nextCursor).toBeNull();
      expect(items.find((item) => item['inboundId'] === ids.small)).toEqual({
        inboundId: ids.small,
        from: INBOUND_FROM,
        to: INBOUND_TO,
        status: 'received',
        pages: 1,
        sizeBytes: small.length,
        mailbox: null,
        documentAvailable: true,
        receivedAt: expect.any(String),
        pdfUri: `faxbot://inbound/${ids.small}/pdf`,
      });
      expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);

      const first = (await callTool(mcp.client, 'list_inbound', { limit: 2 })).structuredContent as { items: Array<{ inboundId: string }>; nextCursor: string };
      expect(first.items.map((item) => item.inboundId)).toEqual(items.slice(0, 2).map((item) => item['inboundId']));
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await callTool(mcp.client, 'list_inbound', { limit: 2, cursor: first.nextCursor })).structuredContent as { items: Array<{ inboundId: string }>; nextCursor: string | null };
      expect([second.items.map((item) => item.inboundId), second.nextCursor]).toEqual([[items[2]!['inboundId']], null]);
    });

    it('list_inbound filters by receiving number and mailbox', async () => {
      const byNumber = await callTool(mcp.client, 'list_inbound', { toNumber: '+1 (555) 000-1111' });
      expect((byNumber.structuredContent as { items: unknown[] }).items).toHaveLength(3);
      const other = await callTool(mcp.client, 'list_inbound', { toNumber: '+15550002222' });
      expect((other.structuredContent as { items: unknown[] }).items).toEqual([]);
      const mailbox = await callTool(mcp.client, 'list_inbound', { mailbox: 'front-desk' });
      expect((mailbox.structuredContent as { items: unknown[] }).items).toEqual([]);
      const bad = await callTool(mcp.client, 'list_inbound', { toNumber: 'front desk' });
      expect([codeOf(bad), textOf(bad)]).toEqual(['INVALID_INPUT', expect.stringContaining('"toNumber" must be a fax number in E.164')]);
    });

    it('get_inbound_pdf with asBase64 embeds the PDF, byte for byte', async () => {
      const result = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: ids.small, asBase64: true });
      expect(codeOf(result)).toBe('ok');
      expect(result.structuredContent).toMatchObject({ inboundId: ids.small, delivery: 'base64', mimeType: 'application/pdf', sizeBytes: small.length, note: null, uri: `faxbot://inbound/${ids.small}/pdf` });
      const embedded = result.content.find((block) => block.type === 'resource');
      expect(embedded?.type === 'resource' && embedded.resource.mimeType).toBe('application/pdf');
      const blob = embedded?.type === 'resource' && 'blob' in embedded.resource ? embedded.resource.blob : '';
      expect(Buffer.compare(Buffer.from(blob, 'base64'), small)).toBe(0);
    });

    it('get_inbound_pdf without asBase64 links the resource, whose read returns the same bytes', async () => {
      const result = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: ids.small });
      expect(result.structuredContent).toMatchObject({ delivery: 'resource_link', note: null });
      const link = result.content.find((block) => block.type === 'resource_link');
      expect(link).toMatchObject({ type: 'resource_link', uri: `faxbot://inbound/${ids.small}/pdf`, mimeType: 'application/pdf', size: small.length });
      const read = await mcp.client.readResource({ uri: `faxbot://inbound/${ids.small}/pdf` });
      expect(read.contents[0]).toMatchObject({ uri: `faxbot://inbound/${ids.small}/pdf`, mimeType: 'application/pdf' });
      expect(Buffer.compare(blobOf(read), small)).toBe(0);
    });

    it('get_inbound_pdf links a PDF over the inline limit even with asBase64, saying why', async () => {
      const result = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: ids.medium, asBase64: true });
      expect(result.structuredContent).toMatchObject({ delivery: 'resource_link', note: expect.stringContaining('MCP_INBOUND_INLINE_MAX_BYTES') });
      expect(result.content.some((block) => block.type === 'resource')).toBe(false);
      expect(Buffer.compare(blobOf(await mcp.client.readResource({ uri: `faxbot://inbound/${ids.medium}/pdf` })), medium)).toBe(0);
    });

    it('refuses a PDF over the server limit as TOO_LARGE, in the tool and the resource read', async () => {
      const result = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: ids.large, asBase64: true });
      expect([codeOf(result), textOf(result)]).toEqual(['TOO_LARGE', expect.stringContaining('MCP_INBOUND_PDF_MAX_BYTES')]);
      await expect(mcp.client.readResource({ uri: `faxbot://inbound/${ids.large}/pdf` })).rejects.toThrow(/MCP_INBOUND_PDF_MAX_BYTES/);
    });

    it('reports an unknown fax as NOT_FOUND, and a malformed id through the input schema', async () => {
      const result = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: 'f'.repeat(32) });
      expect([codeOf(result), textOf(result)]).toEqual(['NOT_FOUND', 'Inbound fax not found: no received fax has this inboundId']);
      await expect(mcp.client.readResource({ uri: `faxbot://inbound/${'f'.repeat(32)}/pdf` })).rejects.toMatchObject({ code: -32002 });
      const malformed = await callTool(mcp.client, 'get_inbound_pdf', { inboundId: '../../admin' });
      expect([malformed.isError, textOf(malformed)]).toEqual([true, expect.stringContaining('Input validation error')]);
    });

    it('lists the resource template and the recent faxes as resources', async () => {
      const { resourceTemplates } = await mcp.client.listResourceTemplates();
      expect(resourceTemplates).toEqual([expect.objectContaining({ name: 'inbound_fax_pdf', uriTemplate: 'faxbot://inbound/{id}/pdf', mimeType: 'application/pdf' })]);
      const { resources } = await mcp.client.listResources();
      expect(resources.map((resource) => resource.uri).sort()).toEqual([ids.small, ids.medium, ids.large].map((id) => `faxbot://inbound/${id}/pdf`).sort());
      expect(resources.find((resource) => resource.uri.includes(ids.small))).toMatchObject({ name: `inbound_${ids.small}.pdf`, mimeType: 'application/pdf', size: small.length });
      for (const resource of resources) expect(JSON.stringify(resource)).not.toMatch(/5550001111|5557778888/);
    });

    it('never logged a phone number', () => {
      const stderr = mcp.stderr();
      expect(stderr).toContain('"tool":"list_inbound"');
      expect(stderr).toContain('"tool":"get_inbound_pdf"');
      expect(stderr).toContain('"resource":"inbound_fax_pdf"');
      for (const digits of NUMBER_DIGITS) expect(stderr).not.toContain(digits);
    });
  });

  it('reports a key without the inbound scopes as FORBIDDEN, naming the scope, and lists no resources', async () => {
    const key = await inbound.createKey(['fax:read']);
    const client = await connectInMemory(
      createServer({
        client: createFaxbotClient({ baseUrl: inbound.api.url, apiKey: key, timeoutMs: 10_000 }),
        logger: createStderrLogger({ level: 'error', stream: new PassThrough() }),
        version: '0.0.0-test',
        maxFileBytes: 1024 * 1024,
        files: { pathAllowed: false, roots: null },
        fetch: { timeoutMs: 1_000, allowPrivateNetworks: false },
      }),
    );
    try {
      const list = await callTool(client, 'list_inbound', {});
      expect([codeOf(list), textOf(list)]).toEqual(['FORBIDDEN', expect.stringContaining('inbound:list')]);
      const pdf = await callTool(client, 'get_inbound_pdf', { inboundId: ids.small });
      expect([codeOf(pdf), textOf(pdf)]).toEqual(['FORBIDDEN', expect.stringContaining('inbound:read')]);
      expect((await client.listResources()).resources).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('inbound tools when the API has inbound switched off (INBOUND_ENABLED=false)', () => {
  jest.setTimeout(120_000);
  let inbound: InboundApi;
  let client: Client;
  let log = '';

  beforeAll(async () => {
    inbound = await startInboundApi({ inboundEnabled: false });
    // Faxes arriving while it is off are stored, just not listed.
    await inbound.deliver(receivedPdf(2_000, 4));
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += String(chunk)));
    client = await connectInMemory(
      createServer({
        client: createFaxbotClient({ baseUrl: inbound.api.url, apiKey: inbound.api.apiKey, timeoutMs: 10_000 }),
        logger: createStderrLogger({ level: 'debug', stream }),
        version: '0.0.0-test',
        maxFileBytes: 1024 * 1024,
        files: { pathAllowed: false, roots: null },
        fetch: { timeoutMs: 1_000, allowPrivateNetworks: false },
      }),
    );
  });

  afterAll(async () => {
    await client?.close();
    await inbound?.stop();
  });

  it('answers both tools with NOT_ENABLED, saying what to turn on', async () => {
    for (const [name, args] of [
      ['list_inbound', {}],
      ['get_inbound_pdf', { inboundId: 'f'.repeat(32), asBase64: true }],
    ] as const) {
      const result = await callTool(client, name, args);
      expect([codeOf(result), textOf(result)]).toEqual(['NOT_ENABLED', expect.stringContaining('INBOUND_ENABLED')]);
    }
  });

  it('lists no resources and refuses a resource read with the same message', async () => {
    expect((await client.listResources()).resources).toEqual([]);
    await expect(client.readResource({ uri: `faxbot://inbound/${'f'.repeat(32)}/pdf` })).rejects.toThrow(/INBOUND_ENABLED/);
    expect(log).toContain('"code":"NOT_ENABLED"');
    for (const digits of NUMBER_DIGITS) expect(log).not.toContain(digits);
  });
});
