import { join } from 'node:path';
import {
  FaxbotError,
  type ConfigValidationResult,
  type InboundFaxPlugin,
  type OutboundFaxPlugin,
  type PluginDeps,
  type SendOptions,
  type SendResult,
  type StatusQuery,
  type StatusResult,
  type WebhookRequest,
  type WebhookResult,
} from '@faxbot/plugin-sdk';
import { checkPhaxioConfig } from './check-phaxio-config';
import { handlePhaxioWebhook } from './handle-phaxio-webhook';
import { PhaxioApiClient } from './phaxio-api.client';
import { PhaxioCallError } from './phaxio-call-failure';
import { DEFAULT_PHAXIO_CONFIG, type PhaxioConfig } from './phaxio-config';
import { faxbotErrorFor } from './phaxio-error-map';
import { isKnownPhaxioStatus, statusOfPhaxioFax } from './phaxio-status';
import { ProviderHealth, type HealthReport } from './provider-health';
import { sendPhaxioFax } from './send-phaxio-fax';
import { SendAttemptJournal } from './send-attempt.journal';
import { SingleFlight } from './single-flight';

/** Everything `start()` sets up; absent while stopped. */
interface Running {
  config: PhaxioConfig;
  deps: PluginDeps;
  client: PhaxioApiClient;
  journal: SendAttemptJournal;
  health: ProviderHealth;
  callbackUrl: string;
}

/** Send records older than this are pruned at start: the host repeats a key within hours, not weeks. */
const JOURNAL_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function rethrow(error: unknown): never {
  throw error instanceof PhaxioCallError ? faxbotErrorFor(error) : error;
}

/**
 * Faxbot's Phaxio provider (API v2.1): sends faxes (uploaded, or fetched by Phaxio from a
 * short-lived `content_url`), at most once per idempotency key; polls and cancels them; verifies
 * and reads Phaxio's signed status callbacks and inbound faxes. All state lives in this object and
 * in the instance's data directory.
 */
export class PhaxioPlugin implements OutboundFaxPlugin<PhaxioConfig>, InboundFaxPlugin<PhaxioConfig> {
  private running: Running | undefined;
  private readonly sends = new SingleFlight<SendResult>();

  /** Checks credentials, URLs and signature settings; no network call, no side effect. */
  async validateConfig(config: PhaxioConfig): Promise<ConfigValidationResult> {
    return checkPhaxioConfig({ ...DEFAULT_PHAXIO_CONFIG, ...config });
  }

  /** Prepares the API client and the send journal; makes no call to Phaxio. */
  async start(config: PhaxioConfig, deps: PluginDeps): Promise<void> {
    const resolved = { ...DEFAULT_PHAXIO_CONFIG, ...config };
    const check = checkPhaxioConfig(resolved);
    if (!check.ok) throw new FaxbotError('CONFIG_INVALID', `phaxio: ${check.errors.join('; ')}`);
    this.running?.client.close();
    const health = new ProviderHealth();
    const journal = new SendAttemptJournal(join(deps.dataDir, 'send-attempts'));
    await journal.prune(JOURNAL_MAX_AGE_MS).catch(() => 0);
    this.running = {
      config: resolved,
      deps,
      client: new PhaxioApiClient(resolved, (outcome) => (outcome === 'ok' ? health.succeeded() : health.failed(outcome))),
      journal,
      health,
      callbackUrl: resolved.callbackUrl === '' ? deps.webhooks.url('status') : resolved.callbackUrl,
    };
    // Settings that are neither secret nor PHI; URLs stay out (a configured one could carry credentials).
    deps.logger.info('phaxio provider ready', {
      documentDelivery: resolved.documentDelivery,
      verifySignature: resolved.verifySignature,
      inboundVerifySignature: resolved.inboundVerifySignature,
      callback: resolved.callbackUrl === '' ? 'instance webhook URL' : 'configured URL',
      requestTimeoutMs: resolved.requestTimeoutMs,
    });
  }

  /** Closes the API client's connections; safe to call twice or after a failed start. */
  async stop(): Promise<void> {
    this.running?.client.close();
    this.running = undefined;
  }

  /** From the outcomes of recent calls, without calling Phaxio: `down` after refused credentials, `degraded` after outages. */
  async health(): Promise<HealthReport> {
    return this.running === undefined ? { status: 'down', detail: 'not started' } : this.running.health.report();
  }

  /** Submits a fax, or returns the one already submitted under `options.idempotencyKey`. */
  async send(options: SendOptions): Promise<SendResult> {
    const running = this.current();
    return this.sends.run(options.idempotencyKey, () =>
      sendPhaxioFax({ config: running.config, client: running.client, journal: running.journal, logger: running.deps.logger, callbackUrl: running.callbackUrl }, options),
    );
  }

  /** `GET /faxes/{id}`, mapped to Faxbot statuses. */
  async getStatus(query: StatusQuery): Promise<StatusResult> {
    const running = this.current();
    const fax = await running.client.getFax(query.providerSid).catch(rethrow);
    if (!isKnownPhaxioStatus(fax.status)) running.deps.logger.warn('phaxio reported an unknown fax status', { jobId: query.jobId, providerSid: fax.id, word: fax.status });
    return statusOfPhaxioFax(fax);
  }

  /** Cancels a fax Phaxio has not finished; cancelling a cancelled fax again is a no-op. */
  async cancel(query: StatusQuery): Promise<void> {
    const running = this.current();
    try {
      await running.client.cancelFax(query.providerSid);
    } catch (error) {
      if (!(error instanceof PhaxioCallError) || error.failure.kind !== 'http' || error.failure.status !== 422) rethrow(error);
      // Phaxio refuses to cancel a finished fax; already cancelled is what was asked for.
      const fax = await running.client.getFax(query.providerSid, 'cancel').catch(rethrow);
      if (statusOfPhaxioFax(fax).status === 'cancelled') return;
      throw new FaxbotError('NOT_SUPPORTED', 'phaxio: the fax has already finished and cannot be cancelled');
    }
    running.deps.logger.info('phaxio fax cancelled', { jobId: query.jobId, providerSid: query.providerSid });
  }

  /**
   * Phaxio's callbacks: `status` (the per-fax `callback_url`; the host also routes `/phaxio-callback`
   * here) answers with `updates`, `inbound` (also `/phaxio-inbound`) with `received` faxes.
   */
  async handleWebhook(request: WebhookRequest): Promise<WebhookResult> {
    const running = this.current();
    return handlePhaxioWebhook({ config: running.config, client: running.client, logger: running.deps.logger }, request);
  }

  private current(): Running {
    if (this.running === undefined) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'phaxio: not started', { retryable: true });
    return this.running;
  }
}
