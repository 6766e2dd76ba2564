import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PhaxioSimulator } from './phaxio-simulator';

/** A one-page PDF, small and valid enough for page counting. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n%%EOF\n',
  'latin1',
);

/** Fast timings so a fax finishes within a test. */
export const FAST = { queuedMs: 20, inProgressMs: 60 } as const;

/** The Authorization header for the simulator's credentials. */
export function basicAuth(simulator: Pick<PhaxioSimulator, 'apiKey' | 'apiSecret'>, secret = simulator.apiSecret): string {
  return `Basic ${Buffer.from(`${simulator.apiKey}:${secret}`).toString('base64')}`;
}

/** Posts a form to the simulator with Node's own FormData (independent of the simulator's encoder). */
export async function postFax(
  simulator: PhaxioSimulator,
  fields: Array<[string, string]>,
  files: Array<{ name: string; bytes: Buffer; fileName?: string }> = [{ name: 'file', bytes: SAMPLE_PDF, fileName: 'letter.pdf' }],
  authorization: string | null = basicAuth(simulator),
): Promise<{ status: number; body: { success: boolean; message: string; data?: { id: number } } }> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  for (const file of files) {
    if (file.fileName === undefined) form.append(file.name, new Blob([file.bytes], { type: 'application/pdf' }));
    else form.append(file.name, new Blob([file.bytes], { type: 'application/pdf' }), file.fileName);
  }
  const headers: Record<string, string> = authorization === null ? {} : { authorization };
  const response = await fetch(`${simulator.url}/faxes`, { method: 'POST', body: form, headers });
  return { status: response.status, body: (await response.json()) as { success: boolean; message: string; data?: { id: number } } };
}

/** A GET or POST to the simulator's API with its credentials; resolves with status and JSON. */
export async function callApi(simulator: PhaxioSimulator, method: 'GET' | 'POST', path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${simulator.url}${path}`, { method, headers: { authorization: basicAuth(simulator) } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls the simulator's own record until the fax's status satisfies `done`. */
export async function waitForFaxStatus(simulator: PhaxioSimulator, id: number, done: (status: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = simulator.fax(id)?.fax.status ?? 'missing';
    if (done(status)) return status;
    if (Date.now() > deadline) throw new Error(`fax ${id} still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A request a {@link Receiver} captured. */
export interface CapturedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A small HTTP server that stores every request and answers 200 (or serves fixed bytes). */
export interface Receiver {
  url: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/** Starts a {@link Receiver}; with `serve`, GET requests get those bytes as a PDF. */
export async function startReceiver(serve?: Buffer): Promise<Receiver> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
      if (serve !== undefined && request.method === 'GET') response.writeHead(200, { 'content-type': 'application/pdf' }).end(serve);
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Phaxio's documented check, written out independently of the simulator's signer: parse the body
 * with the platform's own multipart reader, then HMAC-SHA1(url + sorted name+value + sorted
 * name+sha1(file)) with the webhook token.
 */
export async function expectedSignature(token: string, url: string, contentType: string, body: Buffer): Promise<string> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  let data = url;
  const entries = [...form.entries()];
  const fields = entries.filter(([, value]) => typeof value === 'string').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = entries.filter(([, value]) => typeof value !== 'string').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of fields) data += `${name}${value as string}`;
  for (const [name, value] of files) {
    const bytes = Buffer.from(await (value as Blob).arrayBuffer());
    data += `${name}${createHash('sha1').update(bytes).digest('hex')}`;
  }
  return createHmac('sha1', token).update(data).digest('hex');
}
