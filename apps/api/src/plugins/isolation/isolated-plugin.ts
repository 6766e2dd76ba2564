import { randomUUID } from 'node:crypto';
import {
  FaxbotError,
  type ConfigValidationResult,
  type FaxDocument,
  type OutboundFaxPlugin,
  type PluginDeps,
  type SendOptions,
  type SendResult,
  type StatusQuery,
  type StatusResult,
  type WebhookRequest,
  type WebhookResult,
} from '@faxbot/plugin-sdk';
import { spawnChild } from './child-handle';
import { ChildSession } from './child-session';
import { CrashPolicy } from './crash-policy';
import type { IsolatedPluginOptions, IsolatedPluginState } from './isolated-plugin.options';
import { isTransportEventType } from '../plugin-transports.adapter';
import { pluginDbRelay } from '../db/plugin-db.relay';
import { SERVICE_METHODS, type DocumentRequest, type PluginMethod, type ServiceRequest } from './isolation-messages';
import { resolveRunnerPath } from './runner-path';
import { toWireDocument } from './wire-document';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An outbound plugin running in a worker thread or child process behind an RPC proxy. It keeps
 * the SDK contract, so the host and the dispatcher use it like an in-process plugin; errors keep
 * their meaning: a FaxbotError stays one, anything else (including a crash mid-call) is a plain
 * Error, i.e. "outcome unknown". While restarting or failed, calls are refused with a retryable
 * `PROVIDER_UNAVAILABLE` because they never reached the plugin.
 *
 * The proxy defines every optional method; ask {@link has} which ones the plugin implements.
 */
export class IsolatedPlugin implements OutboundFaxPlugin {
  private phase: IsolatedPluginState = 'idle';
  private session: ChildSession | null = null;
  private launching: Promise<ChildSession> | null = null;
  /** What the last loaded child implemented; kept across restarts so `has()` stays stable. */
  private methods: ReadonlySet<PluginMethod> = new Set();
  private restartTimer: NodeJS.Timeout | null = null;
  private crashes = 0;
  private failure: string | null = null;
  private config: Record<string, unknown>;
  private deps: PluginDeps;
  private readonly policy: CrashPolicy;
  private readonly callTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  /** Documents of sends in flight, by the id the child uses to ask about them. */
  private readonly documents = new Map<string, FaxDocument>();

  constructor(
    private readonly options: IsolatedPluginOptions,
    private readonly runnerPath: string,
  ) {
    this.config = options.config;
    this.deps = options.deps;
    this.callTimeoutMs = options.callTimeoutMs ?? 120_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 15_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.policy = new CrashPolicy({
      maxCrashes: options.maxCrashes ?? 5,
      windowMs: options.crashWindowMs ?? 300_000,
      backoff: options.backoff ?? { baseMs: 1000, maxMs: 30_000 },
    });
  }

  get state(): IsolatedPluginState {
    return this.phase;
  }

  /** Crashes since the last `start()` (timeouts count: the child is killed). */
  get crashCount(): number {
    return this.crashes;
  }

  /** The live child: its pid (process tier) or thread id (worker tier); null when none runs. */
  get child(): { pid: number | null; threadId: number | null } | null {
    return this.session === null ? null : { pid: this.session.handle.pid, threadId: this.session.handle.threadId };
  }

  /** Methods the plugin itself implements (empty until its entry was first loaded). */
  capabilities(): ReadonlySet<PluginMethod> {
    return this.methods;
  }

  /** True when the plugin implements `method`, e.g. `has('cancel')`. */
  has(method: PluginMethod): boolean {
    return this.capabilities().has(method);
  }

  /** Loads the plugin in a child (if none runs yet) and asks it. */
  async validateConfig(config: Record<string, unknown>): Promise<ConfigValidationResult> {
    const session = this.phase === 'running' ? this.runningSession() : await this.idleSession();
    return session.call<ConfigValidationResult>('validateConfig', [config], { timeoutMs: this.startTimeoutMs });
  }

  /** Starts the child and the plugin in it. A failure here is reported, not restarted. */
  async start(config: Record<string, unknown>, deps: PluginDeps): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'stopped') throw new Error(`isolated plugin is ${this.phase}; stop it first`);
    this.config = config;
    this.deps = deps;
    this.crashes = 0;
    this.failure = null;
    this.policy.reset();
    this.phase = 'starting';
    try {
      const session = await this.idleSession();
      await session.call('start', [config], { timeoutMs: this.startTimeoutMs });
      if (this.phase !== 'starting' || this.session !== session) throw new Error('plugin process ended while starting');
      this.changeState('running', null);
    } catch (error) {
      if (this.phase === 'starting') this.phase = 'idle';
      throw error;
    }
  }

  /** Lets the plugin stop, ends the child (killed after `stopTimeoutMs`) and cancels restarts. */
  async stop(): Promise<void> {
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.phase = 'stopped';
    // A child still loading is already this.session; closing it makes the load fail.
    const session = this.session;
    this.session = null;
    if (session !== null) await session.close(this.stopTimeoutMs, session.methods.has('stop'));
  }

  /** `down` while not running (with the failure reason); otherwise the plugin's own answer, or `ok`. */
  async health(): Promise<{ status: 'ok' | 'degraded' | 'down'; detail?: string }> {
    if (this.phase !== 'running' || this.session === null || this.session.ending) return { status: 'down', detail: this.unavailable().message };
    if (!this.session.methods.has('health')) return { status: 'ok' };
    return this.session.call('health', [], { timeoutMs: this.callTimeoutMs });
  }

  /** Reads the document here and sends its bytes along; the abort signal is forwarded. */
  async send(options: SendOptions): Promise<SendResult> {
    this.runningSession();
    const { document, signal, ...rest } = options;
    const documentId = randomUUID();
    let wireDocument;
    try {
      wireDocument = await toWireDocument(document, documentId);
    } catch (cause) {
      // Nothing reached the plugin, so a new attempt is safe.
      throw new FaxbotError('DOCUMENT_UNREADABLE', 'could not read the document for the isolated plugin', { cause, retryable: true });
    }
    this.documents.set(documentId, document);
    try {
      return await this.invoke<SendResult>('send', [{ ...rest, document: wireDocument }], signal);
    } finally {
      this.documents.delete(documentId);
    }
  }

  /** Runs a child's call of a host service on this instance's deps; only listed methods are callable. */
  private async serviceRequest(request: ServiceRequest): Promise<unknown> {
    const methods: readonly string[] | undefined = SERVICE_METHODS[request.service];
    if (methods === undefined || !methods.includes(request.method) || !Array.isArray(request.args)) {
      throw new FaxbotError('NOT_SUPPORTED', `no host service ${String(request.service)}.${String(request.method)}`);
    }
    // deps.db is reached through its relay, which keeps transactions open across calls and codes in errors.
    const service = request.service === 'db' ? pluginDbRelay(this.deps.db) : this.deps[request.service];
    const target = service as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
    const method = target[request.method];
    if (typeof method !== 'function') throw new FaxbotError('NOT_SUPPORTED', `the host has no ${request.service}.${request.method}`);
    return method.apply(target, request.args);
  }

  /**
   * Publishes an event of the child's own transports on the host's bus as this instance. Only
   * `transport.*` catalogue names with a flat object payload pass (the bus's PHI guard still runs):
   * the child cannot speak for the core.
   */
  private transportEvent(eventType: string, payload: unknown): void {
    if (!isTransportEventType(eventType) || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      this.deps.logger.warn('isolated plugin transport event refused', { eventType: eventType.slice(0, 100) });
      return;
    }
    this.options.transportEvents?.(eventType, payload as never);
  }

  /** Serves the child's request about a document of a send in flight (URL, fax TIFF). */
  private async documentRequest(request: DocumentRequest): Promise<unknown> {
    const document = this.documents.get(request.documentId);
    if (document === undefined) throw new FaxbotError('NOT_SUPPORTED', 'the document is only available while its send runs');
    if (request.op === 'createPublicUrl' && document.createPublicUrl !== undefined) {
      return document.createPublicUrl(request.ttlSeconds === undefined ? {} : { ttlSeconds: request.ttlSeconds });
    }
    if (request.op === 'toFaxTiff' && document.toFaxTiff !== undefined) return document.toFaxTiff();
    throw new FaxbotError('NOT_SUPPORTED', `the document does not offer ${String(request.op)}`);
  }

  async getStatus(query: StatusQuery): Promise<StatusResult> {
    return this.invoke<StatusResult>('getStatus', [query]);
  }

  /** Throws `NOT_SUPPORTED` when the plugin has no `cancel()`. */
  async cancel(query: StatusQuery): Promise<void> {
    await this.invoke<void>('cancel', [query]);
  }

  /** Throws `NOT_SUPPORTED` when the plugin has no `handleWebhook()`. */
  async handleWebhook(request: WebhookRequest): Promise<WebhookResult> {
    return this.invoke<WebhookResult>('handleWebhook', [request]);
  }

  private async invoke<T>(method: PluginMethod, args: unknown[], signal?: AbortSignal): Promise<T> {
    const session = this.runningSession();
    if (!session.methods.has(method)) throw new FaxbotError('NOT_SUPPORTED', `plugin does not implement ${method}()`);
    return session.call<T>(method, args, signal === undefined ? { timeoutMs: this.callTimeoutMs } : { timeoutMs: this.callTimeoutMs, signal });
  }

  private runningSession(): ChildSession {
    if (this.phase === 'running' && this.session !== null && !this.session.ending) return this.session;
    throw this.unavailable();
  }

  private unavailable(): FaxbotError {
    const restarting = this.phase === 'restarting' || (this.phase === 'running' && this.session?.ending === true);
    const reason = this.phase === 'failed' ? (this.failure ?? 'plugin failed') : restarting ? 'plugin is restarting after a crash' : `plugin is not running (${this.phase})`;
    return new FaxbotError('PROVIDER_UNAVAILABLE', reason, { retryable: true });
  }

  /** The child to use before the plugin runs (validateConfig, start); spawned on first use. */
  private idleSession(): Promise<ChildSession> {
    if (this.phase === 'restarting' || this.phase === 'failed') return Promise.reject(this.unavailable());
    if (this.phase === 'stopped') this.phase = 'idle';
    if (this.launching !== null) return this.launching;
    if (this.session !== null) return Promise.resolve(this.session);
    this.launching = this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  /** Spawns a child and loads the entry; on failure the child has ended before this rejects. */
  private async launch(): Promise<ChildSession> {
    const handle = spawnChild({
      tier: this.options.tier,
      runnerPath: this.runnerPath,
      maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 256,
      onOutput: (stream, line) => this.deps.logger[stream === 'stdout' ? 'info' : 'warn'](line.slice(0, 2000), { stream }),
    });
    const session = new ChildSession(
      handle,
      () => this.deps.logger,
      (ended, reason, intentional) => this.onSessionEnd(ended, reason, intentional),
      () => this.deps.events,
      () => ({
        faxStatus: this.deps.faxStatus,
        documentRequest: (request) => this.documentRequest(request),
        serviceRequest: (request) => this.serviceRequest(request),
        transportEvent: (eventType, payload) => this.transportEvent(eventType, payload),
      }),
    );
    this.session = session;
    const { entryPath, pluginId, instanceId } = this.options;
    try {
      const allowedHosts = [...(this.options.allowedHosts ?? [])];
      await session.init({ entryPath, pluginId, instanceId, dataDir: this.deps.dataDir, host: this.deps.host, webhookUrl: this.deps.webhooks.url(), allowedHosts }, this.startTimeoutMs);
      this.methods = session.methods;
    } catch (error) {
      session.kill(`could not load the plugin: ${messageOf(error)}`);
      await session.ended;
      throw error;
    }
    return session;
  }

  private onSessionEnd(session: ChildSession, reason: string, intentional: boolean): void {
    if (session !== this.session) return;
    this.session = null;
    // A transaction the child left open would hold its database forever.
    if (this.deps.db !== undefined) void pluginDbRelay(this.deps.db).rollbackAll();
    if (intentional) return;
    if (this.phase === 'running' || this.phase === 'restarting') this.crashed(reason);
    else this.deps.logger.warn('isolated plugin ended before it was running', { reason, tier: this.options.tier });
  }

  private crashed(reason: string): void {
    this.crashes += 1;
    this.deps.logger.error('isolated plugin crashed', { reason, crashes: this.crashes, tier: this.options.tier });
    const decision = this.policy.recordCrash(Date.now());
    if (decision.action === 'fail') {
      this.failure = `plugin failed after ${decision.crashes} crashes (last: ${reason})`;
      this.changeState('failed', this.failure);
      return;
    }
    this.changeState('restarting', reason);
    this.restartTimer = setTimeout(() => void this.restart(), decision.delayMs);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    this.restartTimer = null;
    if (this.phase !== 'restarting') return;
    const crashesBefore = this.crashes;
    let session: ChildSession | null = null;
    try {
      session = await this.launch();
      await session.call('start', [this.config], { timeoutMs: this.startTimeoutMs });
      if (this.phase !== 'restarting' || this.session !== session) return;
      this.deps.logger.info('isolated plugin restarted', { crashes: this.crashes, tier: this.options.tier });
      this.changeState('running', null);
    } catch (error) {
      if (this.phase !== 'restarting') return;
      const reason = `restart failed: ${messageOf(error)}`;
      // A start that fails counts as a crash: end the child and let its exit decide what follows.
      if (session !== null && this.session === session) session.kill(reason);
      else if (this.crashes === crashesBefore && this.restartTimer === null) this.crashed(reason);
    }
  }

  private changeState(state: 'running' | 'restarting' | 'failed', reason: string | null): void {
    this.phase = state;
    try {
      this.options.onStateChange?.(state, reason);
    } catch (error) {
      this.deps.logger.warn('onStateChange listener threw', { reason: messageOf(error) });
    }
  }
}

/**
 * Wraps a plugin entry in an isolated tier. The same plugin code runs as in-process: the child
 * imports `entryPath` and calls its `createPlugin()`. Throws when the runner is not built.
 *
 * @example
 * const plugin = createIsolatedPlugin({ tier: 'process', entryPath, pluginId: 'acme', instanceId: 'acme', config, deps });
 * await plugin.validateConfig(config);
 * await plugin.start(config, deps);
 * if (plugin.has('cancel')) await plugin.cancel({ jobId, providerSid });
 */
export function createIsolatedPlugin(options: IsolatedPluginOptions): IsolatedPlugin {
  return new IsolatedPlugin(options, resolveRunnerPath());
}
