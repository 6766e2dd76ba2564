import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaxbotApiError } from './faxbot-api.error';

/** A request as the fake API received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What the fake API answers: a status and a JSON body (or raw text or bytes), optionally after a delay. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as is; with `Transfer-Encoding: chunked` in `headers` it goes without a Content-Length. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A real HTTP server on 127.0.0.1 that records requests and answers as told. */
export interface FakeApi {
  url: string;
  requests: ReceivedRequest[];
  answer: (request: ReceivedRequest) => FakeAnswer;
  close(): Promise<void>;
}

/** Starts a {@link FakeApi} on a free port. */
export async function startFakeApi(answer: (request: ReceivedRequest) => FakeAnswer): Promise<FakeApi> {
  const fake: FakeApi = { url: '', requests: [], answer, close: async () => undefined };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      fake.requests.push(received);
      const reply = fake.answer(received);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (response.destroyed) return;
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
      }, reply.delayMs ?? 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Parses a multipart body with the platform's own parser (undici). */
export async function parseMultipart(request: ReceivedRequest): Promise<FormData> {
  return new Response(request.body, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
}

/** The `FaxbotApiError` a call rejects with; fails the test when it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<FaxbotApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FaxbotApiError);
  return error as FaxbotApiError;
}
