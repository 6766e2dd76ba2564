import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadTarball, escapePackageName, fetchPackument, packumentUrl } from './registry-client';
import type { PluginInstallError } from './plugin-install.error';

const code = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: PluginInstallError) => error.code,
  );

describe('registry URLs', () => {
  it.each(['file:///etc', 'not a url'])('refuses the registry %s', (registry) => {
    expect(() => packumentUrl(registry, 'x')).toThrow(expect.objectContaining({ code: 'REGISTRY_ERROR' }));
  });

  it.each([
    ['faxbot-plugin-acme', 'https://registry.npmjs.org/', 'https://registry.npmjs.org/faxbot-plugin-acme'],
    ['@acme/faxbot', 'https://registry.npmjs.org/', 'https://registry.npmjs.org/@acme%2ffaxbot'],
    ['@acme/faxbot', 'https://nexus.example/repository/npm', 'https://nexus.example/repository/npm/@acme%2ffaxbot'],
  ])('packumentUrl(%s) on %s', (name, registry, expected) => {
    expect(packumentUrl(registry, name)).toBe(expected);
  });

  it('escapes only the scope separator, as npm does', () => {
    expect(escapePackageName('@a/b')).toBe('@a%2fb');
    expect(escapePackageName('plain')).toBe('plain');
  });
});

describe('registry requests', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/broken') {
        response.writeHead(500).end('oops');
      } else if (request.url === '/not-json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{nope');
      } else if (request.url === '/no-versions') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"no-versions"}');
      } else if (request.url === '/chunked.tgz') {
        // No content-length: the cap must hold while streaming.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.write(Buffer.alloc(600));
        response.end(Buffer.alloc(600));
      } else {
        response.writeHead(404).end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['missing', 'PACKAGE_NOT_FOUND'],
    ['broken', 'REGISTRY_ERROR'],
    ['not-json', 'REGISTRY_ERROR'],
    ['no-versions', 'REGISTRY_ERROR'],
  ])('fetchPackument of %s fails with %s', async (name, expected) => {
    expect(await code(fetchPackument(base, name))).toBe(expected);
  });

  it('caps a streamed download without a content-length', async () => {
    expect(await code(downloadTarball(`${base}chunked.tgz`, { maxBytes: 1000 }))).toBe('TARBALL_TOO_LARGE');
    expect((await downloadTarball(`${base}chunked.tgz`, { maxBytes: 1200 })).length).toBe(1200);
  });

  it('refuses non-http tarball URLs and failed downloads', async () => {
    expect(await code(downloadTarball('file:///etc/passwd'))).toBe('REGISTRY_ERROR');
    expect(await code(downloadTarball(`${base}missing.tgz`))).toBe('REGISTRY_ERROR');
  });
});
