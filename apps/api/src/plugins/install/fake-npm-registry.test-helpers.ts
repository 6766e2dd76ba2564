import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeIntegrity } from '@faxbot/plugin-packages';

/** A minimal npm registry on 127.0.0.1 for tests: packuments at `/<name>`, tarballs at `/<name>/-/<file>`. */
export interface FakeRegistry {
  /** Base URL with a trailing slash. */
  url: string;
  /** Every request path received, in order (still URL-encoded, as sent). */
  requests: string[];
  /**
   * Publishes tarball bytes as `name@version`. `distIntegrity` overrides what the packument
   * claims (default: the true integrity of `bytes`).
   */
  publish(name: string, version: string, bytes: Buffer, options?: { distIntegrity?: string }): void;
  close(): Promise<void>;
}

/** Starts a {@link FakeRegistry} on a random loopback port. */
export async function startFakeRegistry(): Promise<FakeRegistry> {
  const packuments = new Map<string, { name: string; 'dist-tags': Record<string, string>; versions: Record<string, unknown> }>();
  const tarballs = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const tarball = tarballs.get(path);
    if (request.method === 'GET' && tarball !== undefined) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tarball.length });
      response.end(tarball);
      return;
    }
    // npm sends scoped names as @scope%2fname; registries accept the unescaped form too.
    const packument = request.method === 'GET' ? packuments.get(decodeURIComponent(path.slice(1))) : undefined;
    if (packument !== undefined) {
      response.writeHead(200, { 'content-type': 'application/vnd.npm.install-v1+json' });
      response.end(JSON.stringify(packument));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'Not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    publish(name, version, bytes, options = {}) {
      const file = `${name.split('/').pop() as string}-${version}.tgz`;
      const tarballPath = `/${name}/-/${file}`;
      tarballs.set(tarballPath, bytes);
      const packument = packuments.get(name) ?? { name, 'dist-tags': {}, versions: {} };
      packument.versions[version] = {
        name,
        version,
        dist: { tarball: `${url.slice(0, -1)}${tarballPath}`, integrity: options.distIntegrity ?? computeIntegrity(bytes) },
      };
      packument['dist-tags']['latest'] = version;
      packuments.set(name, packument);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
