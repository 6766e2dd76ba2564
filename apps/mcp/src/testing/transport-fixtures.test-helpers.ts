import { createFaxbotClient } from '@faxbot/api-client';
import { request, type IncomingHttpHeaders } from 'node:http';
import { PassThrough } from 'node:stream';
import type { McpHttpConfig } from '../config/mcp-config';
import { createStderrLogger, type Logger } from '../logging/stderr.logger';
import type { McpServerHandle } from '../sdk/mcp-sdk.adapter';
import { createServer } from '../server';

/** HTTP transport settings for in-process tests: loopback, a free port, the given overrides. */
export function testHttpConfig(overrides: Partial<McpHttpConfig> = {}): McpHttpConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    allowedHosts: ['127.0.0.1', 'localhost'],
    allowedOrigins: [],
    apiKeys: [],
    oauth: null,
    maxBodyBytes: 10_000,
    sessionIdleMs: 60_000,
    maxSessions: 10,
    wsPingIntervalMs: 30_000,
    ...overrides,
  };
}

/** A server factory whose tools reach no API (port 9): enough for protocol-level tests. */
export function offlineServerFactory(logger: Logger): () => McpServerHandle {
  const deps = {
    client: createFaxbotClient({ baseUrl: 'http://127.0.0.1:9' }),
    logger,
    version: '0.0.0',
    maxFileBytes: 1_000,
    files: { pathAllowed: false, roots: null },
    fetch: { timeoutMs: 100, allowPrivateNetworks: false },
  };
  return () => createServer(deps);
}

/** A debug logger whose output the test can read. */
export function capturingLogger(): { logger: Logger; output(): string } {
  const stream = new PassThrough();
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += String(chunk)));
  return { logger: createStderrLogger({ level: 'debug', stream }), output: () => output };
}

/** An open `text/event-stream` response, read as it arrives. */
export interface OpenStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Resolves with the first match of `pattern` in the stream, waiting for it (up to 10 s). */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Drops the connection from the client side. */
  close(): void;
}

/** Opens a GET stream (SSE) with the given headers; resolves once the status line is in. */
export function openStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { Accept: 'text/event-stream', ...headers }, agent: false }, (response) => {
      let text = '';
      const waiters: Array<() => void> = [];
      response.on('data', (chunk: Buffer) => {
        text += String(chunk);
        for (const waiter of waiters.splice(0)) waiter();
      });
      const ended = new Promise<void>((done) => response.once('close', () => done()));
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        text: () => text,
        ended,
        close: () => outgoing.destroy(),
        waitFor: (pattern) =>
          new Promise((found, fail) => {
            const deadline = setTimeout(() => fail(new Error(`no ${pattern} in ${text}`)), 10_000);
            const check = (): void => {
              const match = pattern.exec(text);
              if (match) {
                clearTimeout(deadline);
                found(match);
              } else waiters.push(check);
            };
            check();
          }),
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    outgoing.end();
  });
}

/** Polls `condition` every 20 ms until it holds (up to 10 s). */
export async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
