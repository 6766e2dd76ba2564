import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ToolError } from '../tools/tool-error';
import { fetchDocumentFromUrl, type UrlFetchOptions } from './url.source';

describe('fetchDocumentFromUrl', () => {
  let server: Server;
  let base: string;
  const options: UrlFetchOptions = { maxBytes: 1_000, timeoutMs: 1_000, allowPrivateNetworks: true };

  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/doc.txt':
          return void response.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello\n');
        case '/named':
          return void response.writeHead(200, { 'Content-Disposition': 'attachment; filename="referral.pdf"' }).end('%PDF-1.4');
        case '/stream':
          // No Content-Length: the limit must hold while streaming.
          response.writeHead(200, { 'Content-Type': 'application/pdf' });
          for (let chunk = 0; chunk < 20; chunk += 1) response.write('x'.repeat(100));
          return void response.end();
        case '/to-metadata':
          return void response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data' }).end();
        case '/loop':
          return void response.writeHead(302, { Location: '/loop' }).end();
        case '/slow':
          return void setTimeout(() => response.writeHead(200).end('late'), 3_000).unref();
        default:
          return void response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function codeOf(url: string, overrides: Partial<UrlFetchOptions> = {}): Promise<string> {
    try {
      await fetchDocumentFromUrl(url, { ...options, ...overrides });
      return 'ok';
    } catch (error) {
      expect(error).toBeInstanceOf(ToolError);
      expect((error as ToolError).message).not.toContain(url);
      return (error as ToolError).code;
    }
  }

  it('downloads a document and names it from the URL or Content-Disposition', async () => {
    expect(await fetchDocumentFromUrl(`${base}/doc.txt`, options)).toEqual({ bytes: Buffer.from('hello\n'), fileName: 'doc.txt' });
    expect((await fetchDocumentFromUrl(`${base}/named`, options)).fileName).toBe('referral.pdf');
  });

  it('resolves host names through the guarded lookup', async () => {
    const byName = base.replace('127.0.0.1', 'localhost');
    expect((await fetchDocumentFromUrl(`${byName}/doc.txt`, options)).bytes.toString()).toBe('hello\n');
  });

  it.each([
    ['a body over the limit without Content-Length', '/stream', {}, 'TOO_LARGE'],
    ['a redirect to a link-local metadata address', '/to-metadata', { allowPrivateNetworks: false }, 'NOT_ALLOWED'],
    ['endless redirects', '/loop', {}, 'FETCH_FAILED'],
    ['a 404', '/missing', {}, 'FETCH_FAILED'],
    ['an answer slower than the timeout', '/slow', { timeoutMs: 100 }, 'FETCH_FAILED'],
    ['a loopback address when private networks are not allowed', '/doc.txt', { allowPrivateNetworks: false }, 'NOT_ALLOWED'],
  ])('refuses %s', async (_label, path, overrides, code) => {
    expect(await codeOf(`${base}${path}`, overrides)).toBe(code);
  });

  it.each([
    ['another scheme', 'ftp://example.com/a.pdf', 'INVALID_INPUT'],
    ['credentials in the URL', 'https://user:pw@example.com/a.pdf', 'INVALID_INPUT'],
    ['not a URL', 'a.pdf', 'INVALID_INPUT'],
    ['an IPv6 loopback literal', 'http://[::1]:9/a.pdf', 'NOT_ALLOWED'],
    ['an IPv4-mapped private literal', 'http://[::ffff:10.0.0.1]/a.pdf', 'NOT_ALLOWED'],
  ])('refuses %s before connecting', async (_label, url, code) => {
    expect(await codeOf(url, { allowPrivateNetworks: false })).toBe(code);
  });
});
