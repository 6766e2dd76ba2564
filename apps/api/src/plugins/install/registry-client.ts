import { PluginInstallError } from './plugin-install.error';

/** Largest tarball `downloadTarball` accepts unless told otherwise: 50 MiB. */
export const DEFAULT_MAX_TARBALL_BYTES = 50 * 1024 * 1024;

const REQUEST_TIMEOUT_MS = 60_000;

// npm asks for the abbreviated ("corgi") document first; it carries everything an install needs.
const PACKUMENT_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** The fields of one version in a registry packument that installing reads. */
export interface PackumentVersion {
  name: string;
  version: string;
  dist: { tarball: string; integrity?: string; shasum?: string };
}

/** A registry's document for one package name (only the fields used here are typed). */
export interface Packument {
  name: string;
  versions: Record<string, PackumentVersion>;
}

/** Options shared by the registry calls. */
export interface RegistryRequestOptions {
  /** Stops waiting after this many milliseconds (default 60 s). */
  timeoutMs?: number;
}

function normalizeRegistryUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new PluginInstallError('REGISTRY_ERROR', `${source} is not a URL: ${raw}`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PluginInstallError('REGISTRY_ERROR', `${source} must be an http(s) URL: ${raw}`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The package name as it appears in a registry URL: `@scope/name` becomes `@scope%2fname`, as npm sends it. */
export function escapePackageName(name: string): string {
  return name.startsWith('@') ? name.replace('/', '%2f') : name;
}

/** URL of a package's packument on a registry (which may live below a path, e.g. `/repository/npm/`). */
export function packumentUrl(registryUrl: string, name: string): string {
  return new URL(escapePackageName(name), normalizeRegistryUrl(registryUrl, 'registry URL')).href;
}

async function request(url: string, accept: string, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { accept, 'user-agent': 'faxbot-plugin-installer' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new PluginInstallError('REGISTRY_UNREACHABLE', `could not reach ${new URL(url).origin}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Fetches the packument of `name` from the registry.
 *
 * @throws PluginInstallError `PACKAGE_NOT_FOUND` on 404, `REGISTRY_ERROR` on other failures or
 * an unreadable answer, `REGISTRY_UNREACHABLE` when no answer came.
 */
export async function fetchPackument(registryUrl: string, name: string, options: RegistryRequestOptions = {}): Promise<Packument> {
  const url = packumentUrl(registryUrl, name);
  const response = await request(url, PACKUMENT_ACCEPT, options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  if (response.status === 404) {
    await response.body?.cancel();
    throw new PluginInstallError('PACKAGE_NOT_FOUND', `registry ${registryUrl} has no package "${name}" (404)`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PluginInstallError('REGISTRY_ERROR', `registry ${registryUrl} answered ${response.status} for "${name}"`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new PluginInstallError('REGISTRY_ERROR', `registry ${registryUrl} sent an unreadable document for "${name}"`, { cause: error });
  }
  const versions = (body as { versions?: unknown } | null)?.versions;
  if (typeof versions !== 'object' || versions === null) {
    throw new PluginInstallError('REGISTRY_ERROR', `registry ${registryUrl} sent a document without versions for "${name}"`);
  }
  return body as Packument;
}

/**
 * Downloads a tarball into memory, refusing more than `maxBytes` (default 50 MiB) before reading
 * further. Nothing is written to disk: the caller checks the bytes first.
 *
 * @throws PluginInstallError `TARBALL_TOO_LARGE`, `REGISTRY_ERROR`, `REGISTRY_UNREACHABLE`.
 */
export async function downloadTarball(url: string, options: RegistryRequestOptions & { maxBytes?: number } = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TARBALL_BYTES;
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') throw new PluginInstallError('REGISTRY_ERROR', `tarball URL must be http(s): ${url}`);
  const response = await request(url, 'application/octet-stream, */*', options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new PluginInstallError('REGISTRY_ERROR', `tarball download failed with ${response.status}: ${url}`);
  }
  const tooLarge = (): PluginInstallError => new PluginInstallError('TARBALL_TOO_LARGE', `tarball is larger than ${maxBytes} bytes: ${url}`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PluginInstallError) throw error;
    throw new PluginInstallError('REGISTRY_UNREACHABLE', `tarball download broke off: ${url}`, { cause: error });
  }
  return Buffer.concat(chunks, total);
}
