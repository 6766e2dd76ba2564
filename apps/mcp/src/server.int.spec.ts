import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createFaxbotClient } from '@faxbot/api-client';
import { createStderrLogger } from './logging/stderr.logger';
import { createServer, type ServerDeps } from './server';
import { tinyPdf } from './testing/documents.test-helpers';
import { startFaxbotApi, type RunningApi } from './testing/faxbot-api.test-helpers';
import { callTool, connectInMemory, textOf, waitForFinalStatus, type Client, type CallToolResult } from './testing/mcp-client.test-helpers';

const NUMBER = '+15551234567';
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const codeOf = (result: CallToolResult): unknown => (result.isError ? result._meta?.['faxbot/error_code'] : 'ok');

describe('createServer: tool errors and document sources, against the real API', () => {
  jest.setTimeout(60_000);
  let api: RunningApi;
  let dir: string;
  let docs: Server;
  let docsUrl: string;
  let log = '';
  const clients: Client[] = [];

  async function connect(overrides: Partial<ServerDeps> = {}, apiOptions: { baseUrl?: string; apiKey?: string } = {}): Promise<Client> {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (log += String(chunk)));
    const deps: ServerDeps = {
      client: createFaxbotClient({ baseUrl: apiOptions.baseUrl ?? api.url, apiKey: apiOptions.apiKey ?? api.apiKey, timeoutMs: 5_000 }),
      logger: createStderrLogger({ level: 'debug', stream: logStream }),
      version: '0.0.0-test',
      maxFileBytes: MAX_FILE_BYTES,
      files: { pathAllowed: true, roots: null },
      fetch: { timeoutMs: 2_000, allowPrivateNetworks: true },
      ...overrides,
    };
    const client = await connectInMemory(createServer(deps));
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    // The API accepts 1 MB, the MCP server 2 MB: the API's own 413 must come through.
    api = await startFaxbotApi({ MAX_FILE_SIZE_MB: '1' });
    dir = mkdtempSync(join(tmpdir(), 'faxbot-mcp-tools-'));
    docs = createHttpServer((request, response) => {
      if (request.url === '/letter.pdf') return void response.writeHead(200, { 'Content-Type': 'application/pdf' }).end(tinyPdf());
      if (request.url === '/moved') return void response.writeHead(302, { Location: '/letter.pdf' }).end();
      if (request.url === '/huge') return void response.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(MAX_FILE_BYTES + 1) }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
    docsUrl = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    docs.closeAllConnections();
    await new Promise((resolve) => docs.close(resolve));
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['letters', 'fax me'],
    ['too few digits', '+1234'],
    ['too many digits', `+${'1'.repeat(21)}`],
    ['two plus signs', '++15551234567'],
  ])('refuses a number with %s as INVALID_INPUT, explaining E.164', async (_label, to) => {
    const result = await callTool(await connect(), 'send_fax', { to, fileContent: 'aGVsbG8K', fileName: 'a.txt' });
    expect(codeOf(result)).toBe('INVALID_INPUT');
    expect(textOf(result)).toContain('E.164');
  });

  it.each([
    ['no document', { to: NUMBER }],
    ['two documents', { to: NUMBER, fileContent: 'aGVsbG8K', fileName: 'a.txt', fileUrl: 'https://example.com/a.pdf' }],
    ['fileContent without fileName', { to: NUMBER, fileContent: 'aGVsbG8K' }],
    ['fileContent that is not base64', { to: NUMBER, fileContent: 'not base64!', fileName: 'a.txt' }],
    ['a relative filePath', { to: NUMBER, filePath: 'letter.pdf' }],
    ['a fileUrl with another scheme', { to: NUMBER, fileUrl: 'file:///etc/passwd' }],
  ])('refuses %s as INVALID_INPUT', async (_label, args) => {
    expect(codeOf(await callTool(await connect(), 'send_fax', args))).toBe('INVALID_INPUT');
  });

  it('refuses oversized base64 by its length, before decoding or even checking the alphabet', async () => {
    const result = await callTool(await connect(), 'send_fax', { to: NUMBER, fileContent: '!'.repeat(MAX_FILE_BYTES * 2), fileName: 'a.pdf' });
    expect(codeOf(result)).toBe('TOO_LARGE');
    expect(textOf(result)).toContain('filePath or fileUrl');
  });

  it.each([
    ['a path that does not exist', () => join(dir, 'missing.pdf'), 'FILE_UNREADABLE'],
    ['a directory', () => dir, 'FILE_UNREADABLE'],
    ['an empty file', () => (writeFileSync(join(dir, 'empty.pdf'), ''), join(dir, 'empty.pdf')), 'INVALID_INPUT'],
    ['a file over the limit (by its size, unread)', () => (writeFileSync(join(dir, 'big.pdf'), ''), truncateSync(join(dir, 'big.pdf'), MAX_FILE_BYTES + 1), join(dir, 'big.pdf')), 'TOO_LARGE'],
  ])('refuses %s with a clear error', async (_label, path, code) => {
    const result = await callTool(await connect(), 'send_fax', { to: NUMBER, filePath: path() });
    expect(codeOf(result)).toBe(code);
    expect(textOf(result)).not.toContain(dir);
  });

  it('refuses filePath when the connection may not read local files', async () => {
    const client = await connect({ files: { pathAllowed: false, roots: null } });
    const path = join(dir, 'ok.pdf');
    writeFileSync(path, tinyPdf());
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, filePath: path }))).toBe('NOT_ALLOWED');
  });

  it('refuses filePath outside the roots, also through ".." and through a symlink inside a root', async () => {
    const root = join(dir, 'root');
    mkdirSync(root, { recursive: true });
    const client = await connect({ files: { pathAllowed: true, roots: [root] } });
    const outside = join(dir, 'outside.pdf');
    writeFileSync(outside, tinyPdf());
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, filePath: outside }))).toBe('NOT_ALLOWED');
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, filePath: join(root, '..', 'outside.pdf') }))).toBe('NOT_ALLOWED');
    symlinkSync(outside, join(root, 'link.pdf'));
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, filePath: join(root, 'link.pdf') }))).toBe('NOT_ALLOWED');
    writeFileSync(join(root, 'inside.pdf'), tinyPdf());
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, filePath: join(root, 'inside.pdf') }))).toBe('ok');
  });

  it("passes on the API's 415 for a file that is no document type the gateway takes", async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]);
    const result = await callTool(await connect(), 'send_fax', { to: NUMBER, fileContent: zip.toString('base64'), fileName: 'archive.zip' });
    expect(codeOf(result)).toBe('UNSUPPORTED_TYPE');
    expect(textOf(result)).toContain('PDF');
  });

  it("passes on the API's 413 when the API's limit is lower than the MCP server's", async () => {
    const text = Buffer.from('line of text\n'.repeat(100_000));
    const result = await callTool(await connect(), 'send_fax', { to: NUMBER, fileContent: text.toString('base64'), fileName: 'long.txt' });
    expect(codeOf(result)).toBe('TOO_LARGE');
    expect(textOf(result)).toContain('1 MB');
  });

  it('reports a rejected API key as UNAUTHORIZED, naming API_KEY', async () => {
    const result = await callTool(await connect({}, { apiKey: 'wrong' }), 'get_fax_status', { jobId: 'a'.repeat(32) });
    expect(codeOf(result)).toBe('UNAUTHORIZED');
    expect(textOf(result)).toContain('API_KEY');
  });

  it('reports an unknown job as NOT_FOUND from both read tools', async () => {
    const client = await connect();
    expect(codeOf(await callTool(client, 'get_fax_status', { jobId: 'f'.repeat(32) }))).toBe('NOT_FOUND');
    expect(codeOf(await callTool(client, 'get_fax', { id: 'f'.repeat(32) }))).toBe('NOT_FOUND');
  });

  it('refuses a malformed job id through the input schema', async () => {
    const result = await callTool(await connect(), 'get_fax', { id: '../../admin/api-keys' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Input validation error');
  });

  it('reports an API that is down as UNAVAILABLE', async () => {
    const result = await callTool(await connect({}, { baseUrl: 'http://127.0.0.1:9' }), 'send_fax', { to: NUMBER, fileContent: 'aGVsbG8K', fileName: 'a.txt' });
    expect(codeOf(result)).toBe('UNAVAILABLE');
    expect(textOf(result)).toContain('Cannot reach the Faxbot API');
  });

  it('sends a document fetched from fileUrl, following a redirect', async () => {
    const client = await connect();
    const sent = await callTool(client, 'send_fax', { to: NUMBER, fileUrl: `${docsUrl}/moved` });
    expect(codeOf(sent)).toBe('ok');
    expect(await waitForFinalStatus(client, (sent.structuredContent as { jobId: string }).jobId)).toMatchObject({ status: 'SUCCESS', pages: 1 });
  });

  it.each([
    ['a 404', '/nothing', 'FETCH_FAILED'],
    ['a Content-Length over the limit', '/huge', 'TOO_LARGE'],
  ])('refuses a fileUrl answering %s', async (_label, path, code) => {
    expect(codeOf(await callTool(await connect(), 'send_fax', { to: NUMBER, fileUrl: `${docsUrl}${path}` }))).toBe(code);
  });

  it('refuses a fileUrl on a loopback address unless private networks are allowed', async () => {
    const client = await connect({ fetch: { timeoutMs: 2_000, allowPrivateNetworks: false } });
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, fileUrl: `${docsUrl}/letter.pdf` }))).toBe('NOT_ALLOWED');
    const byName = docsUrl.replace('127.0.0.1', 'localhost');
    expect(codeOf(await callTool(client, 'send_fax', { to: NUMBER, fileUrl: `${byName}/letter.pdf` }))).toBe('NOT_ALLOWED');
  });

  it('never logged a full phone number, a file path or a URL', () => {
    expect(log).toContain('"to":"***4567"');
    expect(log).not.toContain('5551234567');
    expect(log).not.toContain(dir);
    expect(log).not.toContain(docsUrl);
  });
});
