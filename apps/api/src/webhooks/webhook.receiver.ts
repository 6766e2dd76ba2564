import { inject, injectable } from 'inversify';
import type { Database } from '@faxbot/db';
import { FAX_STATUSES, FaxbotError, type ProviderFaxStatus, type StatusUpdate, type WebhookRequest, type WebhookResult } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { FaxStatusRecorder } from '../fax/fax-status.recorder';
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

/** Outcome of applying a webhook's status updates. */
export interface AppliedUpdates {
  applied: number;
  unmatched: number;
  invalid: number;
}

type ReadyTarget = Extract<WebhookTarget, { kind: 'ready' }>;

const PROVIDER_STATUSES: readonly string[] = FAX_STATUSES.filter((status) => status !== 'queued');

/** Checks one update from a plugin; plugin output is untrusted input to the status machine. */
function asStatusUpdate(value: unknown): StatusUpdate | null {
  if (typeof value !== 'object' || value === null) return null;
  const { providerSid, status, pages, errorCode, error } = value as Record<string, unknown>;
  if (typeof providerSid !== 'string' || providerSid === '' || providerSid.length > 200) return null;
  if (typeof status !== 'string' || !PROVIDER_STATUSES.includes(status)) return null;
  if (pages !== undefined && (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 0)) return null;
  if (errorCode !== undefined && (typeof errorCode !== 'string' || errorCode.length > 100)) return null;
  if (error !== undefined && typeof error !== 'string') return null;
  return {
    providerSid,
    status: status as ProviderFaxStatus,
    ...(pages === undefined ? {} : { pages }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(error === undefined ? {} : { error: error.slice(0, 500) }),
  };
}

/**
 * Provider webhooks, after HTTP: decides whether a delivery may proceed (known, running, within
 * its instance's rate limit), calls the plugin's `handleWebhook` with a time limit, applies the
 * status updates it returns through the same forward-only recorder the dispatcher uses, and
 * writes one audit line per delivery.
 */
@injectable()
export class WebhookReceiver {
  private readonly limiter: TokenBucketRateLimiter;

  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(PluginHost) private readonly plugins: PluginHost,
    @inject(FaxStatusRecorder) private readonly status: FaxStatusRecorder,
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
  async deliver(target: ReadyTarget, request: WebhookRequest): Promise<{ answer: WebhookAnswer; updates: number }> {
    const instanceId = target.instance.instanceId;
    let result: WebhookResult;
    try {
      result = await withTimeout(target.handle(request), this.config.webhooks.timeoutMs, 'handleWebhook');
    } catch (error) {
      this.logger.error({ instance: instanceId, err: error }, 'webhook handler failed');
      // A retryable FaxbotError (an isolated child restarting, a provider outage) tells the caller to come back.
      if (FaxbotError.is(error) && error.retryable) return { answer: jsonAnswer(503, { detail: 'Webhook receiver is not running' }, { 'retry-after': '30' }), updates: 0 };
      return { answer: jsonAnswer(500, { detail: 'Webhook handling failed' }), updates: 0 };
    }
    const answer = toWebhookAnswer((result as Partial<WebhookResult> | null | undefined)?.response);
    if (answer === null) {
      this.logger.error({ instance: instanceId }, 'webhook handler returned no usable response (status must be an integer 200-599)');
      return { answer: jsonAnswer(500, { detail: 'Webhook handling failed' }), updates: 0 };
    }
    try {
      const applied = await this.applyUpdates(instanceId, result.updates);
      return { answer, updates: applied.applied };
    } catch (error) {
      // Not recorded: answer 500 so the provider delivers again (updates are idempotent).
      this.logger.error({ instance: instanceId, err: error }, 'webhook status updates could not be recorded');
      return { answer: jsonAnswer(500, { detail: 'Webhook handling failed' }), updates: 0 };
    }
  }

  /** Applies status updates to the instance's jobs, matched by provider id; duplicates and late ones change nothing. */
  async applyUpdates(instanceId: string, updates: unknown): Promise<AppliedUpdates> {
    const outcome: AppliedUpdates = { applied: 0, unmatched: 0, invalid: 0 };
    if (updates === undefined || updates === null) return outcome;
    if (!Array.isArray(updates)) {
      this.logger.warn({ instance: instanceId }, 'webhook updates ignored: not an array');
      return outcome;
    }
    for (const raw of updates) {
      const update = asStatusUpdate(raw);
      if (update === null) {
        outcome.invalid += 1;
        continue;
      }
      const job = await this.db.jobs.findByProviderSid(instanceId, update.providerSid);
      if (job === null) {
        outcome.unmatched += 1;
        this.logger.info({ instance: instanceId, providerSid: update.providerSid }, 'webhook update for a fax this instance has no job for');
        continue;
      }
      const { providerSid, ...report } = update;
      await this.status.record(job, providerSid, report, 'webhook');
      outcome.applied += 1;
    }
    if (outcome.invalid > 0) this.logger.warn({ instance: instanceId, invalid: outcome.invalid }, 'webhook updates ignored: not valid status updates');
    return outcome;
  }

  /** The audit line of one delivery. */
  audit(record: WebhookDeliveryRecord): void {
    this.logger.info(
      { event: 'webhook.delivery', instanceId: record.instanceId.slice(0, 64), method: record.method, path: record.path.slice(0, 200), status: record.status, bytes: record.bytes, ms: record.ms, updates: record.updates },
      'webhook delivery',
    );
  }
}
