import { createHmac } from 'node:crypto';
import { isFinalStatus, type SendOptions, type StatusResult, type WebhookRequest } from '@faxbot/plugin-sdk';
import { createTestDeps, createTestDocument, type ConformanceSimulator, type ForgedWebhook, type OutboundConformanceHarness, type TestDeps, type TestDocument } from '@faxbot/plugin-sdk/testing';
import { phaxioDocumentBytes, startPhaxioSimulator, type PhaxioCallbackRecord, type PhaxioSimulator, type PhaxioSimulatorOptions } from '@faxbot/provider-simulators';
import { DEFAULT_PHAXIO_CONFIG, type PhaxioConfig } from './phaxio-config';
import { PhaxioPlugin } from './phaxio.plugin';

/** Simulator timings that finish a fax well within a test, even on a loaded CI machine. */
export const FAST_SIMULATOR: PhaxioSimulatorOptions = { queuedMs: 20, inProgressMs: 80, slowLineMs: 5 * 60 * 1000 };

/** A plugin configuration pointing at `simulator`. */
export function configFor(simulator: PhaxioSimulator, overrides: Partial<PhaxioConfig> = {}): PhaxioConfig {
  return {
    ...DEFAULT_PHAXIO_CONFIG,
    baseUrl: simulator.url,
    apiKey: simulator.apiKey,
    apiSecret: simulator.apiSecret,
    webhookToken: simulator.webhookToken,
    requestTimeoutMs: 2000,
    ...overrides,
  };
}

/** The public URL tests give `createTestDeps`: callbacks then land on the simulator's own sink. */
export function publicUrlOf(simulator: PhaxioSimulator): string {
  return simulator.callbackSinkUrl;
}

/**
 * Turns a callback the simulator made into the {@link WebhookRequest} the host would hand the
 * plugin: the same raw bytes and headers, `url` as called, `path` after `/webhooks/<instance>`.
 */
export function webhookRequestOf(record: PhaxioCallbackRecord, publicUrl: string, instanceId = 'phaxio'): WebhookRequest {
  const called = new URL(record.url);
  const prefix = `${new URL(publicUrl).pathname.replace(/\/+$/, '')}/webhooks/${instanceId}`;
  const path = called.pathname.startsWith(`${prefix}/`) ? called.pathname.slice(prefix.length + 1) : '';
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of called.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { method: 'POST', path, url: record.url, headers: { ...record.headers }, query, rawBody: Buffer.from(record.body) };
}

/** Variants of a genuine Phaxio webhook that must all be refused. */
export function forgePhaxioWebhook(genuine: WebhookRequest, secrets: { apiSecret: string; webhookToken: string }): ForgedWebhook[] {
  const without = { ...genuine.headers };
  delete without['x-phaxio-signature'];
  const signature = String(genuine.headers['x-phaxio-signature']);
  const body = genuine.rawBody.toString('latin1');
  const altered = body.replace(/"id":(\d+)/, '"id":$19').replace(/"status":"[a-z]+"/, '"status":"success"');
  const url = new URL(genuine.url);
  url.searchParams.set('forged', '1');
  const otherPath = genuine.path === 'inbound' ? 'status' : 'inbound';
  return [
    { name: 'signature removed', request: { ...genuine, headers: without } },
    { name: 'signature of another token', request: { ...genuine, headers: { ...genuine.headers, 'x-phaxio-signature': createHmac('sha1', 'not-the-token').update(genuine.url).digest('hex') } } },
    {
      name: "original Faxbot scheme (HMAC-SHA256 of the body with the API secret)",
      request: { ...genuine, headers: { ...genuine.headers, 'x-phaxio-signature': createHmac('sha256', secrets.apiSecret).update(genuine.rawBody).digest('hex') } },
    },
    { name: 'signature truncated', request: { ...genuine, headers: { ...genuine.headers, 'x-phaxio-signature': signature.slice(0, 20) } } },
    { name: 'fax object altered', request: { ...genuine, rawBody: Buffer.from(altered, 'latin1') } },
    { name: 'body truncated', request: { ...genuine, rawBody: genuine.rawBody.subarray(0, genuine.rawBody.length - 10) } },
    { name: 'URL altered', request: { ...genuine, url: url.toString() } },
    { name: 'replayed to the other webhook path', request: { ...genuine, path: otherPath, url: genuine.url.replace(`/${genuine.path}`, `/${otherPath}`) } },
  ];
}

/** A plugin started against a simulator, with everything a test needs to inspect and clean up. */
export interface StartedPhaxio {
  simulator: PhaxioSimulator;
  plugin: PhaxioPlugin;
  deps: TestDeps;
  config: PhaxioConfig;
  documents: TestDocument[];
  /** Send options with a fresh document, job id and key unless given. */
  sendOptions(to: string, overrides?: Partial<SendOptions>): SendOptions;
  /** Polls `getStatus` until final (or throws after `timeoutMs`). */
  waitUntilFinal(providerSid: string, timeoutMs?: number): Promise<StatusResult>;
  /** The simulator's final-status callback for a fax, as a webhook request. */
  takeCallback(providerSid: string, timeoutMs?: number): Promise<WebhookRequest>;
  close(): Promise<void>;
}

let counter = 0;

/** Starts a simulator and a plugin configured for it (dataDir: a fresh temporary folder, unless given). */
export async function startPhaxio(
  options: { simulator?: PhaxioSimulatorOptions; config?: Partial<PhaxioConfig>; dataDir?: string; reuse?: PhaxioSimulator } = {},
): Promise<StartedPhaxio> {
  const simulator = options.reuse ?? (await startPhaxioSimulator({ ...FAST_SIMULATOR, ...options.simulator }));
  const plugin = new PhaxioPlugin();
  const config = configFor(simulator, options.config);
  const deps = createTestDeps({ pluginId: 'phaxio', publicUrl: publicUrlOf(simulator), ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) });
  await plugin.start(config, deps);
  const documents: TestDocument[] = [];
  const started: StartedPhaxio = {
    simulator,
    plugin,
    deps,
    config,
    documents,
    sendOptions(to, overrides = {}) {
      counter += 1;
      const document = createTestDocument({ fileName: 'Jane Doe referral.pdf' });
      documents.push(document);
      const jobId = overrides.jobId ?? `job${counter}${Date.now().toString(16)}`;
      return { jobId, to, document, idempotencyKey: `${jobId}-1`, ...overrides };
    },
    async waitUntilFinal(providerSid, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await plugin.getStatus({ jobId: 'test', providerSid });
        if (isFinalStatus(status.status)) return status;
        if (Date.now() > deadline) throw new Error(`fax ${providerSid} still ${status.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async takeCallback(providerSid, timeoutMs = 10_000) {
      const record = await simulator.waitForCallback((candidate) => String(candidate.faxId) === providerSid && candidate.eventType === 'fax_completed', timeoutMs);
      return webhookRequestOf(record, publicUrlOf(simulator));
    },
    async close() {
      await plugin.stop();
      await Promise.all(documents.map((document) => document.close()));
      if (options.reuse === undefined) await simulator.close();
    },
  };
  return started;
}

/**
 * The SDK's outbound conformance harness over the Phaxio simulator: each suite run gets a fresh
 * simulator (real sockets, Phaxio's wire format) whose callbacks land on its own sink.
 */
export function phaxioConformanceHarness(overrides: Partial<PhaxioConfig> = {}): OutboundConformanceHarness<PhaxioConfig> {
  return {
    pluginId: 'phaxio',
    createPlugin: () => new PhaxioPlugin(),
    finalStatusTimeoutMs: 15_000,
    async startSimulator(): Promise<ConformanceSimulator<PhaxioConfig>> {
      const simulator = await startPhaxioSimulator(FAST_SIMULATOR);
      const publicUrl = publicUrlOf(simulator);
      return {
        config: configFor(simulator, { requestTimeoutMs: 1500, ...overrides }),
        publicUrl,
        numbers: { delivered: simulator.numbers.delivered, failed: simulator.numbers.busy, slow: simulator.numbers.slow },
        statusDelivery: 'webhook',
        failNextSend: (mode) => simulator.failNextSend(mode),
        takeCallback: async (providerSid, timeoutMs) => {
          const record = await simulator.waitForCallback((candidate) => String(candidate.faxId) === providerSid && candidate.eventType === 'fax_completed', timeoutMs);
          return webhookRequestOf(record, publicUrl);
        },
        forge: (genuine) => forgePhaxioWebhook(genuine, simulator),
        receivedFax: (providerSid) => {
          const fax = simulator.fax(providerSid);
          return fax === null ? null : { to: fax.fax.recipients[0]?.phone_number ?? '', documentBytes: phaxioDocumentBytes(fax) };
        },
        secrets: [simulator.apiKey, simulator.apiSecret, simulator.webhookToken],
        close: () => simulator.close(),
      };
    },
  };
}
