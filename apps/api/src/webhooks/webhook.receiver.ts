import { inject, injectable } from 'inversify';
import { FaxbotError, type WebhookRequest, type WebhookResult } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { MetricsRegistry } from '@faxbot/metrics';
import type { AppConfig } from '../config/app-config';
import { StatusUpdateApplier } from '../fax/status-update.applier';
import { InboundFaxIntake } from '../inbound/inbound-fax.intake';
import { PluginHost } from '../plugins/plugin-host';
import { withTimeout } from '../plugins/with-timeout';
import { API_TOKENS } from '../tokens';
import { jsonAnswer, toWebhookAnswer, type WebhookAnswer } from './webhook-answer';
import { TokenBucketRateLimiter } from './token-bucket.rate-limiter';
import { resolveWebhookTarget, type WebhookTarget } from './webhook-target';

/** What happened to one delivery, for its audit line. Never headers or body content. */
export interface WebhookDeliveryRecord {
  instanceId: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  ms: number;
  updates: number;
}

type ReadyTarget = Extract<WebhookTarget, { kind: 'ready' }>;

/** What came of one delivery: the answer for the provider, what changed, and the inbound faxes it carried. */
export interface WebhookDelivery {
  answer: WebhookAnswer;
  /** Status updates applied plus inbound faxes newly stored. */
  updates: number;
  /** Ids of the inbound faxes the delivery carried (new or already stored). */
  inboundIds: string[];
}

function failed(answer: WebhookAnswer): WebhookDelivery {
  return { answer, updates: 0, inboundIds: [] };
}

/**
 * Provider webhooks, after HTTP: decides whether a delivery may proceed (known, running, within
 * its instance's rate limit), calls the plugin's `handleWebhook` with a time limit, applies the
 * status updates it returns through the same forward-only recorder the dispatcher uses, stores the
 * faxes it received (once per provider id), and writes one audit line per delivery.
 */
@injectable()
export class WebhookReceiver {
  private readonly limiter: TokenBucketRateLimiter;

  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(PluginHost) private readonly plugins: PluginHost,
    @inject(StatusUpdateApplier) private readonly updates: StatusUpdateApplier,
    @inject(InboundFaxIntake) private readonly inbound: InboundFaxIntake,
    @inject(API_TOKENS.Metrics) private readonly metrics: MetricsRegistry,
  ) {
    this.limiter = new TokenBucketRateLimiter(config.webhooks.ratePerMinute);
  }

  /** Decides before the body is read: the target, or the answer (404, 503, 429) that ends the delivery. */
  admit(instanceId: string): { ok: true; target: ReadyTarget } | { ok: false; answer: WebhookAnswer } {
    const target = resolveWebhookTarget(this.plugins, instanceId);
    if (target.kind === 'unknown') return { ok: false, answer: jsonAnswer(404, { detail: 'Unknown webhook' }) };
    if (target.kind === 'unavailable') return { ok: false, answer: jsonAnswer(503, { detail: 'Webhook receiver is not running' }, { 'retry-after': '30' }) };
    const decision = this.limiter.take(instanceId);
    if (!decision.allowed) {
      return { ok: false, answer: jsonAnswer(429, { detail: 'Too many webhook deliveries' }, { 'retry-after': String(decision.retryAfterSeconds) }) };
    }
    return { ok: true, target };
  }

  /** Lets the plugin handle the request and applies its updates; never throws. */
  async deliver(target: ReadyTarget, request: WebhookRequest): Promise<WebhookDelivery> {
    const instanceId = target.instance.instanceId;
    let result: WebhookResult;
    try {
      result = await withTimeout(target.handle(request), this.config.webhooks.timeoutMs, 'handleWebhook');
    } catch (error) {
      this.logger.error({ instance: instanceId, err: error }, 'webhook handler failed');
      // A retryable FaxbotError (an isolated child restarting, a provider outage) tells the caller to come back.
      if (FaxbotError.is(error) && error.retryable) return failed(jsonAnswer(503, { detail: 'Webhook receiver is not running' }, { 'retry-after': '30' }));
      return failed(jsonAnswer(500, { detail: 'Webhook handling failed' }));
    }
    const answer = toWebhookAnswer((result as Partial<WebhookResult> | null | undefined)?.response);
    if (answer === null) {
      this.logger.error({ instance: instanceId }, 'webhook handler returned no usable response (status must be an integer 200-599)');
      return failed(jsonAnswer(500, { detail: 'Webhook handling failed' }));
    }
    try {
      const applied = await this.updates.apply(instanceId, result.updates, 'webhook');
      const received = await this.inbound.accept(instanceId, result.received);
      return { answer, updates: applied.applied + received.stored, inboundIds: received.ids };
    } catch (error) {
      // Not recorded: answer 500 so the provider delivers again (updates are idempotent).
      this.logger.error({ instance: instanceId, err: error }, 'webhook status updates could not be recorded');
      return failed(jsonAnswer(500, { detail: 'Webhook handling failed' }));
    }
  }

  /** The audit line of one delivery. */
  audit(record: WebhookDeliveryRecord): void {
    // A 404 names no instance of ours: counting it by the requested id would let anyone add series.
    this.metrics.core.webhookDelivery({ instanceId: record.status === 404 ? 'unknown' : record.instanceId.slice(0, 64), status: record.status });
    this.logger.info(
      { event: 'webhook.delivery', instanceId: record.instanceId.slice(0, 64), method: record.method, path: record.path.slice(0, 200), status: record.status, bytes: record.bytes, ms: record.ms, updates: record.updates },
      'webhook delivery',
    );
  }
}
