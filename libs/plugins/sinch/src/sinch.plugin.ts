import { FaxbotError, KeyedMutex, type ConfigValidationResult, type InboundFaxPlugin, type OutboundFaxPlugin, type PluginDeps, type SendOptions, type SendResult, type StatusQuery, type StatusResult, type WebhookRequest, type WebhookResult } from '@faxbot/plugin-sdk';
import { buildSinchSendBody } from './build-sinch-send-body';
import { callbackUrlWithCredentials } from './callback-url';
import { checkSinchConfig } from './check-sinch-config';
import { maskNumber } from './mask-number';
import { SentFaxStore } from './sent-fax.store';
import { SinchApiClient } from './sinch-api.client';
import type { SinchConfig } from './sinch-config';
import { sinchResponseError } from './sinch-failure';
import { SinchHttp } from './sinch-http';
import { sinchStatus } from './sinch-status';
import { SinchWebhookHandler } from './sinch-webhook.handler';

/** What `start()` set up; gone again after `stop()`. */
interface Running {
  config: SinchConfig;
  deps: PluginDeps;
  client: SinchApiClient;
  sent: SentFaxStore;
  webhooks: SinchWebhookHandler;
  stop: AbortController;
}

/**
 * Sends and receives faxes through the Sinch Fax API v3 (`outbound` + `inbound`).
 *
 * - `send` posts the document (uploaded, or as a short-lived `contentUrl`) with a status callback
 *   URL and remembers Sinch's fax id per idempotency key in `deps.dataDir`, so a repeated key that
 *   got an answer never sends twice. Remaining gap: a send that timed out before any answer
 *   (`PROVIDER_TIMEOUT`) is sent again when the host retries it.
 * - `getStatus` reads the fax from the API (the original never polled Sinch).
 * - `handleWebhook` takes status callbacks and incoming faxes, only with the configured callback
 *   credentials, and always confirms them with the API.
 * - There is no `cancel`: the Sinch Fax API v3 documents no way to cancel a fax.
 */
export class SinchPlugin implements OutboundFaxPlugin<SinchConfig>, InboundFaxPlugin<SinchConfig> {
  private running: Running | null = null;
  private readonly sends = new KeyedMutex();

  async validateConfig(config: SinchConfig): Promise<ConfigValidationResult> {
    return checkSinchConfig(config);
  }

  async start(config: SinchConfig, deps: PluginDeps): Promise<void> {
    const verdict = checkSinchConfig(config);
    if (!verdict.ok) throw new FaxbotError('CONFIG_INVALID', `sinch: ${verdict.errors.join('; ')}`);
    const sent = new SentFaxStore(deps.dataDir);
    await sent.open();
    const stop = new AbortController();
    // A copy: the host's object is not ours to keep, and settings must not change under us.
    const settings: SinchConfig = { ...config };
    const client = new SinchApiClient(new SinchHttp(), settings, stop.signal);
    this.running = { config: settings, deps, client, sent, webhooks: new SinchWebhookHandler(settings, client, deps.logger), stop };
    if (!config.inboundBasicUser && !config.inboundHmacSecret && !config.allowUnauthenticatedCallbacks) {
      deps.logger.warn('sinch callbacks will be refused until SINCH_INBOUND_BASIC_USER/SINCH_INBOUND_BASIC_PASS are set; status comes from polling only');
    }
    deps.logger.info('sinch started', { authMethod: config.authMethod, documentDelivery: config.documentDelivery });
  }

  async stop(): Promise<void> {
    this.running?.stop.abort();
    this.running = null;
  }

  async health(): Promise<{ status: 'ok' | 'degraded' | 'down'; detail?: string }> {
    const running = this.running;
    if (running === null) return { status: 'down', detail: 'not started' };
    try {
      await running.client.checkCredentials();
    } catch (error) {
      if (FaxbotError.is(error) && error.code === 'PROVIDER_AUTH_FAILED') return { status: 'down', detail: `${error.message}; check SINCH_API_KEY and SINCH_API_SECRET` };
      return { status: 'degraded', detail: FaxbotError.is(error) ? error.message : 'sinch: credential check failed' };
    }
    const refused = running.client.credentialsRefused;
    if (refused !== null) return { status: 'down', detail: `sinch: the fax API refused the credentials (HTTP ${refused}); check SINCH_API_KEY, SINCH_API_SECRET and SINCH_PROJECT_ID` };
    return { status: 'ok' };
  }

  async send(options: SendOptions): Promise<SendResult> {
    const running = this.require();
    return this.sends.run(options.idempotencyKey, async () => {
      const earlier = await running.sent.find(options.idempotencyKey);
      if (earlier !== null) {
        running.deps.logger.info('sinch send repeated for an answered key; not sent again', { jobId: options.jobId, providerSid: earlier.providerSid });
        return { providerSid: earlier.providerSid, status: 'in_progress' };
      }
      const { config, deps } = running;
      const callbackUrl = callbackUrlWithCredentials(deps.webhooks.url('status'), config.inboundBasicUser, config.inboundBasicPass);
      const body = await buildSinchSendBody({ options, config, callbackUrl });
      const fax = await running.client.sendFax(body, options.signal);
      await running.sent.remember(options.idempotencyKey, { providerSid: fax.id, jobId: options.jobId, acceptedAt: new Date().toISOString() });
      const { known: _known, ...status } = sinchStatus(fax);
      deps.logger.info('sinch fax accepted', { jobId: options.jobId, providerSid: fax.id, destination: maskNumber(options.to), sinchStatus: fax.status ?? null, delivery: config.documentDelivery });
      return { providerSid: fax.id, ...status };
    });
  }

  async getStatus(query: StatusQuery): Promise<StatusResult> {
    const running = this.require();
    const fax = await running.client.getFax(query.providerSid);
    if (fax === null) throw sinchResponseError('lookup', 404, Buffer.alloc(0));
    const { known, ...status } = sinchStatus(fax);
    if (!known) running.deps.logger.warn('sinch reported an unknown status word; treated as in progress', { jobId: query.jobId, providerSid: fax.id, sinchStatus: fax.status ?? null });
    return status;
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResult> {
    return this.require().webhooks.handle(request);
  }

  private require(): Running {
    if (this.running === null) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'sinch: not started', { retryable: true });
    return this.running;
  }
}
