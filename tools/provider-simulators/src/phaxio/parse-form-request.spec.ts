import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildMultipartBody } from './multipart-body';
import { parseFormRequest, type ParsedForm } from './parse-form-request';

describe('buildMultipartBody and parseFormRequest over a real socket', () => {
  let server: Server;
  let url = '';
  let parsed: ParsedForm | Error | null = null;

  beforeAll(async () => {
    server = createServer((request, response) => {
      parseFormRequest(request, 64).then(
        (form) => {
          parsed = form;
          response.end('ok');
        },
        (error: Error) => {
          parsed = error;
          response.writeHead(400).end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('round-trips fields (with quotes and non-ASCII) and file parts byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const { body, contentType } = buildMultipartBody(
      [
        { name: 'fax', value: '{"id":1,"note":"é \\"x\\""}' },
        { name: 'tag[a"b]', value: 'line1\r\nline2' },
      ],
      [{ name: 'file', fileName: 'Fax 1.pdf', contentType: 'application/pdf', bytes }],
    );
    await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(parsed).toEqual({
      fields: [
        { name: 'fax', value: '{"id":1,"note":"é \\"x\\""}' },
        { name: 'tag[a%22b]', value: 'line1\r\nline2' },
      ],
      files: [{ name: 'file', fileName: 'Fax 1.pdf', mimeType: 'application/pdf', bytes }],
    });
  });

  it('reads url-encoded forms and treats other bodies as empty forms', async () => {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'to=%2B15555550000&tag%5Bk%5D=v' });
    expect(parsed).toEqual({ fields: [{ name: 'to', value: '+15555550000' }, { name: 'tag[k]', value: 'v' }], files: [] });
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(parsed).toEqual({ fields: [], files: [] });
  });

  it('refuses a file larger than the limit', async () => {
    const { body, contentType } = buildMultipartBody([], [{ name: 'file', fileName: 'big.pdf', contentType: 'application/pdf', bytes: Buffer.alloc(100) }]);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(response.status).toBe(400);
    expect(parsed).toBeInstanceOf(Error);
  });
});
