import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendOptions, SendResult, WebhookRequest } from '@faxbot/plugin-sdk';
import {
  createTestDeps,
  createTestDocument,
  createTestWebhookRequest,
  minimalFaxTiff,
  type ConformanceSimulator,
  type TestDeps,
} from '@faxbot/plugin-sdk/testing';
import { startAmiSimulator, type AmiSimulator, type AmiSimulatorOptions } from '@faxbot/provider-simulators';
import { DEFAULT_SIP_ASTERISK_CONFIG, type SipAsteriskConfig } from './sip-asterisk-config';
import { SipAsteriskPlugin } from './sip-asterisk.plugin';

/** Generous limit for anything a test waits on: CI machines can be slow. */
export const WAIT_MS = 15_000;

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh random secret per test run (no credential-looking literals in the sources). */
export function testSecret(): string {
  return randomBytes(16).toString('hex');
}

/** A configuration pointing at `ami`, with timers short enough for tests. */
export function configFor(ami: AmiSimulator, faxDir: string, overrides: Partial<SipAsteriskConfig> = {}): SipAsteriskConfig {
  return {
    ...DEFAULT_SIP_ASTERISK_CONFIG,
    amiHost: ami.host,
    amiPort: ami.port,
    amiUsername: ami.username,
    amiPassword: ami.password,
    inboundSecret: testSecret(),
    faxDir,
    stationId: '+1 555 000 0199',
    originateTimeoutMs: 5000,
    actionTimeoutMs: 3000,
    keepaliveIntervalMs: 5000,
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    authRetryMs: 60_000,
    ...overrides,
  };
}

/**
 * One simulator, one data folder and one fax folder, and any number of plugin instances started
 * on them in turn (starting another is how specs simulate a gateway restart).
 */
export class SipHarness {
  readonly root = mkdtempSync(join(tmpdir(), 'faxbot-sip-'));
  readonly dataDir = join(this.root, 'data');
  readonly faxDir = join(this.root, 'fax');
  plugin!: SipAsteriskPlugin;
  deps!: TestDeps;
  config!: SipAsteriskConfig;
  private readonly plugins: SipAsteriskPlugin[] = [];
  private readonly documents: Array<{ close(): Promise<void> }> = [];
  private sends = 0;

  private constructor(readonly ami: AmiSimulator) {}

  /** Starts a simulator and a plugin on it, and waits until the plugin is logged in. */
  static async start(options: { config?: Partial<SipAsteriskConfig>; simulator?: AmiSimulatorOptions; waitForLogin?: boolean } = {}): Promise<SipHarness> {
    const harness = new SipHarness(await startAmiSimulator({ stepDelayMs: 20, ...options.simulator }));
    harness.config = configFor(harness.ami, harness.faxDir, options.config);
    await harness.restart();
    if (options.waitForLogin !== false) await harness.loggedIn();
    return harness;
  }

  /** Stops the current plugin and starts a new one on the same folders, with fresh deps. */
  async restart(config: Partial<SipAsteriskConfig> = {}): Promise<void> {
    await this.plugin?.stop();
    this.config = { ...this.config, ...config };
    this.plugin = new SipAsteriskPlugin();
    this.plugins.push(this.plugin);
    this.deps = createTestDeps({ pluginId: 'sip', dataDir: this.dataDir });
    await this.plugin.start(this.config, this.deps);
  }

  async loggedIn(): Promise<void> {
    await until(async () => (await this.plugin.health()).status === 'ok');
  }

  /** Send options for `to` with a fresh job id and key unless given. */
  options(to: string, overrides: Partial<SendOptions> = {}): SendOptions {
    this.sends += 1;
    const jobId = overrides.jobId ?? `job-${this.sends}-${randomBytes(3).toString('hex')}`;
    const document = createTestDocument({ publicUrl: false });
    this.documents.push(document);
    return { jobId, to, document, idempotencyKey: `${jobId}-1`, ...overrides };
  }

  async send(to: string, overrides: Partial<SendOptions> = {}): Promise<SendResult & { jobId: string }> {
    const options = this.options(to, overrides);
    return { ...(await this.plugin.send(options)), jobId: options.jobId };
  }

  /** Writes a TIFF (or other bytes) into the fax folder, as ReceiveFAX would. */
  writeInbound(name: string, bytes: Buffer = minimalFaxTiff()): string {
    const path = join(this.faxDir, name);
    writeFileSync(path, bytes);
    return path;
  }

  /** An inbound delivery as the example dialplan posts it; `secret: null` sends no header. */
  inboundRequest(body: Record<string, unknown>, secret: string | null = this.config.inboundSecret): WebhookRequest {
    return createTestWebhookRequest({
      path: 'inbound',
      instanceId: 'sip',
      body,
      headers: secret === null ? {} : { 'X-Internal-Secret': secret },
    });
  }

  async dispose(): Promise<void> {
    await Promise.all(this.plugins.map((plugin) => plugin.stop()));
    await Promise.all(this.documents.map((document) => document.close()));
    await this.ami.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The AMI simulator as the SDK's conformance suite drives it. Status reaches the host by push
 * (`deps.faxStatus.report` from AMI events); the genuine webhook is an inbound delivery with the
 * right secret and a TIFF in the fax folder, and the forgeries change the secret or the path.
 */
export async function adaptAmiSimulator(): Promise<ConformanceSimulator<SipAsteriskConfig>> {
  const ami = await startAmiSimulator({ stepDelayMs: 20 });
  const root = mkdtempSync(join(tmpdir(), 'faxbot-sip-conformance-'));
  const faxDir = join(root, 'fax');
  const config = configFor(ami, faxDir);
  let inbound = 0;
  const outsideTiff = join(root, 'outside.tiff');
  writeFileSync(outsideTiff, minimalFaxTiff());
  const delivery = (tiffPath: string, headers: Record<string, string>): WebhookRequest =>
    createTestWebhookRequest({
      path: 'inbound',
      instanceId: 'sip',
      headers,
      body: { tiff_path: tiffPath, to_number: '+12025550142', from_number: '+12025550143', faxstatus: 'SUCCESS', faxpages: '1', uniqueid: `1767225600.${inbound}` },
    });
  return {
    config,
    publicUrl: 'https://faxbot.test',
    numbers: { delivered: ami.numbers.delivered, failed: ami.numbers.busy, slow: ami.numbers.slow },
    statusDelivery: 'push',
    failNextSend: (mode) => ami.failNextOriginate(mode === 'server_error' ? 'originate_failed' : mode === 'client_error' ? 'permission_denied' : 'no_response'),
    genuineWebhook: async () => {
      inbound += 1;
      // The plugin creates the fax folder at start; the suite starts it before asking for this.
      writeFileSync(join(faxDir, `in-${inbound}.tiff`), minimalFaxTiff());
      return delivery(join(faxDir, `in-${inbound}.tiff`), { 'X-Internal-Secret': config.inboundSecret });
    },
    forge: (genuine) => {
      const path = (JSON.parse(genuine.rawBody.toString('utf8')) as { tiff_path: string }).tiff_path;
      const withHeaders = (headers: Record<string, string>) => ({ ...genuine, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])) });
      return [
        { name: 'secret removed', request: withHeaders({ 'content-type': 'application/json' }) },
        { name: 'wrong secret', request: withHeaders({ 'content-type': 'application/json', 'x-internal-secret': testSecret() }) },
        { name: 'path outside the fax folder', request: delivery(outsideTiff, { 'X-Internal-Secret': config.inboundSecret }) },
        { name: 'path traversal', request: delivery(join(faxDir, '..', 'outside.tiff'), { 'X-Internal-Secret': config.inboundSecret }) },
        { name: 'genuine path, wrong secret', request: delivery(path, { 'X-Internal-Secret': `${config.inboundSecret}x` }) },
      ];
    },
    receivedFax: (providerSid) => {
      const originate = ami.originateFor(providerSid);
      return originate === undefined ? null : { to: originate.dest, documentBytes: originate.documentBytes };
    },
    secrets: [ami.password, config.inboundSecret],
    close: async () => {
      await ami.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
