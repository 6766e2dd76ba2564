import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRequest, WebhookResult } from '@faxbot/plugin-sdk';
import { createTestDeps, type TestDeps } from '@faxbot/plugin-sdk/testing';
import { startSinchSimulator, type RecordedSinchCallback, type SinchSimulator, type SinchSimulatorOptions } from '@faxbot/provider-simulators';
import { DEFAULT_SINCH_CONFIG, type SinchConfig } from './sinch-config';
import { SinchPlugin } from './sinch.plugin';

/** Callback credentials the test instances use. */
export const CALLBACK_USER = 'sinch-cb';
export const CALLBACK_PASS = 'cb-pass-7Hq2-never-logged';

/** One webhook delivery the test host received and what the plugin answered. */
export interface HostedDelivery {
  request: WebhookRequest;
  result: WebhookResult | null;
  error: unknown;
}

/**
 * A stand-in for the gateway's webhook route on 127.0.0.1: turns each HTTP request into a
 * {@link WebhookRequest} exactly as the host does (raw body, lower-case headers, public URL, path
 * after `/webhooks/<instance>/`) and answers with what `handler` returns (200 when none is set).
 */
export interface WebhookHost {
  publicUrl: string;
  deliveries: HostedDelivery[];
  handler: ((request: WebhookRequest) => Promise<WebhookResult>) | null;
  close(): Promise<void>;
}

/** Starts a {@link WebhookHost}. */
export async function startWebhookHost(instanceId = 'sinch'): Promise<WebhookHost> {
  const host: WebhookHost = { publicUrl: '', deliveries: [], handler: null, close: async () => undefined };
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', host.publicUrl);
      const prefix = `/webhooks/${instanceId}`;
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length).replace(/^\/+/, '') : url.pathname.replace(/^\/+/, '');
      const request: WebhookRequest = {
        method: incoming.method ?? 'POST',
        path,
        url: `${host.publicUrl}${incoming.url ?? '/'}`,
        headers: { ...incoming.headers },
        query: Object.fromEntries(url.searchParams),
        rawBody: Buffer.concat(chunks),
      };
      const delivery: HostedDelivery = { request, result: null, error: null };
      host.deliveries.push(delivery);
      const handle = host.handler ?? (async (): Promise<WebhookResult> => ({ response: { status: 200, body: { status: 'ok' } } }));
      handle(request).then(
        (result) => {
          delivery.result = result;
          response.writeHead(result.response.status, { 'content-type': 'application/json', ...(result.response.headers ?? {}) }).end(JSON.stringify(result.response.body ?? {}));
        },
        (error: unknown) => {
          delivery.error = error;
          response.writeHead(500, { 'content-type': 'application/json' }).end('{"detail":"Webhook handling failed"}');
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return host;
}

/**
 * The request the host would hand to `handleWebhook` for a callback the simulator made to
 * `<publicUrl>/webhooks/<instance>/<path>`: the simulator's exact bytes and headers.
 */
export function webhookRequestFrom(callback: Pick<RecordedSinchCallback, 'url' | 'headers' | 'body'>, instanceId = 'sinch'): WebhookRequest {
  const url = new URL(callback.url);
  const prefix = `/webhooks/${instanceId}`;
  return {
    method: 'POST',
    path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length).replace(/^\/+/, '') : '',
    url: callback.url,
    headers: { ...callback.headers },
    query: Object.fromEntries(url.searchParams),
    rawBody: Buffer.from(callback.body),
  };
}

/** A configuration pointing at the simulator, with callback credentials and short timeouts. */
export function simulatorConfig(sinch: SinchSimulator, overrides: Partial<SinchConfig> = {}): SinchConfig {
  return {
    ...DEFAULT_SINCH_CONFIG,
    projectId: sinch.projectId,
    apiKey: sinch.keyId,
    apiSecret: sinch.keySecret,
    baseUrl: sinch.url,
    authUrl: sinch.authUrl,
    requestTimeoutMs: 2000,
    inboundBasicUser: CALLBACK_USER,
    inboundBasicPass: CALLBACK_PASS,
    ...overrides,
  };
}

/** A started plugin wired to a simulator and a webhook host that forwards to it. */
export interface SinchTestBed {
  sinch: SinchSimulator;
  host: WebhookHost;
  plugin: SinchPlugin;
  deps: TestDeps;
  config: SinchConfig;
  /** Starts a second plugin object on the same data directory (a restart). */
  restart(overrides?: Partial<SinchConfig>): Promise<SinchPlugin>;
  /** Every value that must never appear in a log line or an error message. */
  secrets(): string[];
  close(): Promise<void>;
}

/** Starts a simulator, a webhook host and a plugin configured for both. */
export async function startSinchTestBed(options: { simulator?: SinchSimulatorOptions; config?: Partial<SinchConfig>; forwardWebhooks?: boolean } = {}): Promise<SinchTestBed> {
  const sinch = await startSinchSimulator({ queuedMs: 20, inProgressMs: 60, ...options.simulator });
  const host = await startWebhookHost();
  const deps = createTestDeps({ pluginId: 'sinch', publicUrl: host.publicUrl });
  const config = simulatorConfig(sinch, options.config);
  const plugin = new SinchPlugin();
  const verdict = await plugin.validateConfig(config);
  if (!verdict.ok) throw new Error(`test configuration refused: ${verdict.errors.join('; ')}`);
  await plugin.start(config, deps);
  if (options.forwardWebhooks !== false) host.handler = (request) => plugin.handleWebhook(request);
  const extra: SinchPlugin[] = [];
  return {
    sinch,
    host,
    plugin,
    deps,
    config,
    restart: async (overrides = {}) => {
      const again = new SinchPlugin();
      await again.start({ ...config, ...overrides }, deps);
      extra.push(again);
      return again;
    },
    secrets: () => [sinch.keySecret, CALLBACK_PASS, ...sinch.issuedTokens(), config.inboundHmacSecret].filter((value) => value !== ''),
    close: async () => {
      await plugin.stop();
      for (const other of extra) await other.stop();
      await sinch.close();
      await host.close();
    },
  };
}

/** Asserts that `text` holds no secret, no full phone number and no document text. */
export function expectClean(text: string, forbidden: { secrets: string[]; numbers: string[]; extra?: string[] }): void {
  for (const secret of forbidden.secrets) expect(text).not.toContain(secret);
  for (const number of forbidden.numbers) {
    const digits = number.replace(/\D/g, '');
    expect(text).not.toContain(digits);
    expect(text).not.toContain(digits.slice(-10));
  }
  for (const value of forbidden.extra ?? []) expect(text).not.toContain(value);
}

/**
 * A loopback URL where connections are refused. Port 1 (tcpmux) is privileged and unused, so
 * nothing answers there — unlike a port that was merely "just free", which another suite's server
 * can take under parallel load.
 */
export async function refusedUrl(path = ''): Promise<string> {
  return `http://127.0.0.1:1${path}`;
}
