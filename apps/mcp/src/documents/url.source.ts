import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ToolError } from '../tools/tool-error';
import { safeFileName, type LoadedDocument } from './loaded-document';
import { isPrivateAddress } from './private-address';

/** Options for {@link fetchDocumentFromUrl}. */
export interface UrlFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Allow loopback and private addresses (development only). */
  allowPrivateNetworks: boolean;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 3;

function parse(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ToolError('INVALID_INPUT', 'fileUrl is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError('INVALID_INPUT', 'fileUrl must be an http:// or https:// URL');
  if (url.username !== '' || url.password !== '') throw new ToolError('INVALID_INPUT', 'fileUrl must not contain credentials');
  return url;
}

const refusedAddress = (): ToolError =>
  new ToolError('NOT_ALLOWED', 'fileUrl points to a private or local network address, which this MCP server does not fetch from');

// Checks every address a host name resolves to, at connect time, so DNS cannot be swapped
// between the check and the connection.
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = !allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address));
      if (blocked) return callback(refusedAddress() as unknown as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

function fileNameFrom(url: URL, response: IncomingMessage): string {
  const disposition = /filename="?([^";]+)"?/i.exec(String(response.headers['content-disposition'] ?? ''));
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  const fallback = type.startsWith('text/plain') ? 'document.txt' : 'document.pdf';
  let lastSegment = url.pathname.split('/').pop() ?? '';
  try {
    lastSegment = decodeURIComponent(lastSegment);
  } catch {
    // Keep the raw segment: a malformed escape is no reason to refuse the document.
  }
  return safeFileName(disposition?.[1] ?? lastSegment, fallback);
}

function get(url: URL, options: UrlFetchOptions): Promise<IncomingMessage> {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0 && !options.allowPrivateNetworks && isPrivateAddress(literal)) return Promise.reject(refusedAddress());
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'GET',
      headers: { Accept: 'application/pdf, text/plain;q=0.9, */*;q=0.1', 'User-Agent': 'faxbot-mcp' },
      lookup: guardedLookup(options.allowPrivateNetworks),
      signal: options.signal,
    });
    request.on('response', resolve);
    request.on('error', (error) => reject(error instanceof ToolError ? error : new ToolError('FETCH_FAILED', 'fileUrl could not be fetched', { cause: error })));
    request.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        response.destroy();
        reject(new ToolError('TOO_LARGE', `The document at fileUrl is larger than the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks, length)));
    response.on('error', (error) => reject(new ToolError('FETCH_FAILED', 'fileUrl could not be fetched', { cause: error })));
    response.on('close', () => {
      if (!response.complete) reject(new ToolError('FETCH_FAILED', 'fileUrl could not be fetched (connection closed early)'));
    });
  });
}

async function fetchWithin(start: URL, options: UrlFetchOptions): Promise<LoadedDocument> {
  let url = start;
  for (let hop = 0; ; hop += 1) {
    const response = await get(url, options);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location !== undefined) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new ToolError('FETCH_FAILED', `fileUrl redirected more than ${MAX_REDIRECTS} times`);
      url = parse(new URL(response.headers.location, url).href);
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new ToolError('FETCH_FAILED', `fileUrl answered HTTP ${status}`);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw new ToolError('TOO_LARGE', `The document at fileUrl is larger than the limit of ${options.maxBytes} bytes`);
    }
    const bytes = await readBody(response, options.maxBytes);
    if (bytes.length === 0) throw new ToolError('INVALID_INPUT', 'The document at fileUrl is empty');
    return { bytes, fileName: fileNameFrom(url, response) };
  }
}

/**
 * Downloads a document over http(s): at most `maxBytes` (checked against Content-Length first,
 * then while streaming), within `timeoutMs` in total, following at most three redirects, each
 * one checked again. Private and loopback addresses are refused unless allowed. No credentials
 * or cookies are sent. Error messages never repeat the URL.
 */
export async function fetchDocumentFromUrl(rawUrl: string, options: UrlFetchOptions): Promise<LoadedDocument> {
  const url = parse(rawUrl);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    return await fetchWithin(url, { ...options, signal });
  } catch (error) {
    if (deadline.signal.aborted) throw new ToolError('FETCH_FAILED', `fileUrl did not answer within ${options.timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
