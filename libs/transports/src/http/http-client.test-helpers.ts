import { FaxbotError } from '@faxbot/plugin-sdk';
import { startLoopbackServer, type LoopbackServer } from '../test-support/loopback-server.test-helpers';
import { recordingContext, type RecordingContext } from '../test-support/transport-context.test-helpers';
import { createHttpClient, type HttpClient, type HttpClientDefaults } from './http-client';

/** Small delays keep the specs fast; assertions wait for outcomes, never for wall-clock time. */
export const FAST: HttpClientDefaults = { retry: { baseDelayMs: 5, maxDelayMs: 2_000 }, timeoutMs: 5_000 };

/** The `FaxbotError` a promise rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<FaxbotError> {
  try {
    await promise;
  } catch (error) {
    if (FaxbotError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Starts loopback servers and clients for one describe block, and closes them after each test. */
export interface HttpHarness {
  serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer>;
  /** A client for plugin `acme`; its context becomes `harness.context`. */
  client(defaults?: HttpClientDefaults, allowedHosts?: readonly string[]): HttpClient;
  /** The recording context of the last client built. */
  readonly context: RecordingContext;
}

/**
 * Call inside a `describe`: registers the cleanup and returns the harness.
 *
 * @example
 * const harness = httpHarness();
 * const server = await harness.serve((_request, response) => response.end('ok'));
 */
export function httpHarness(): HttpHarness {
  const servers: LoopbackServer[] = [];
  const clients: HttpClient[] = [];
  let context: RecordingContext | undefined;
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    async serve(handler) {
      const server = await startLoopbackServer(handler);
      servers.push(server);
      return server;
    },
    client(defaults = FAST, allowedHosts = ['127.0.0.1']) {
      context = recordingContext(allowedHosts);
      const created = createHttpClient({ ...context, defaults });
      clients.push(created);
      return created;
    },
    get context(): RecordingContext {
      if (context === undefined) throw new Error('build a client first');
      return context;
    },
  };
}
