import { mkdir } from 'node:fs/promises';
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
import { AmiClient } from './ami/ami-client';
import { isAmiError } from './ami/ami-errors';
import { isSuccess } from './ami/ami-message';
import { isSafeJobId } from './call-id';
import { checkSipAsteriskConfig } from './check-sip-asterisk-config';
import { FaxCallTracker } from './fax-call-tracker';
import { finish, isFinished, liveCall, statusOf, type SilenceLimits } from './fax-job-record';
import { FaxJobStore } from './fax-job.store';
import { FaxSender } from './fax-sender';
import { handleInboundDelivery } from './inbound/inbound-delivery.handler';
import { DEFAULT_SIP_ASTERISK_CONFIG, type SipAsteriskConfig } from './sip-asterisk-config';

/** Extra silence after the ring timeout before an unanswered Originate counts as never placed. */
const SETTLE_GRACE_MS = 30_000;

/** Everything `start()` sets up; absent while stopped. */
interface Running {
  config: SipAsteriskConfig;
  deps: PluginDeps;
  faxDir: string;
  client: AmiClient;
  tracker: FaxCallTracker;
  /** Ends the event subscription. */
  unsubscribe: () => void;
  store: FaxJobStore;
  sender: FaxSender;
  limits: SilenceLimits;
}

/**
 * Faxes through your own Asterisk (manifest id `sip`, the original `FAX_BACKEND=sip`).
 *
 * Outbound: the host renders the document as a fax TIFF; the plugin writes it into the folder
 * shared with Asterisk and places the call over AMI with the original `Originate` into the
 * `[faxout]` dialplan. Results arrive as AMI events (the dialplan's `UserEvent: FaxResult`,
 * `OriginateResponse`, `Hangup`) and are pushed with `deps.faxStatus.report`; `getStatus` answers
 * from the records kept in the data folder, also after a restart.
 *
 * Inbound: after `ReceiveFAX` the dialplan posts the TIFF's path to the `inbound` webhook with a
 * shared secret; the plugin hands the fax to the host.
 */
export class SipAsteriskPlugin implements OutboundFaxPlugin<SipAsteriskConfig>, InboundFaxPlugin<SipAsteriskConfig> {
  private running: Running | undefined;

  /** Refuses a missing or well-known AMI password and a relative fax folder. No I/O. */
  async validateConfig(config: SipAsteriskConfig): Promise<ConfigValidationResult> {
    return checkSipAsteriskConfig({ ...DEFAULT_SIP_ASTERISK_CONFIG, ...config });
  }

  /** Creates the fax folder and the records folder, and starts connecting to AMI in the background. */
  async start(config: SipAsteriskConfig, deps: PluginDeps): Promise<void> {
    const resolved: SipAsteriskConfig = { ...DEFAULT_SIP_ASTERISK_CONFIG, ...config };
    const check = checkSipAsteriskConfig(resolved);
    if (!check.ok) throw new FaxbotError('CONFIG_INVALID', `sip: ${check.errors.join('; ')}`);
    await this.stop();
    const faxDir = resolved.faxDir === '' ? join(deps.dataDir, 'fax') : resolved.faxDir;
    await mkdir(faxDir, { recursive: true, mode: 0o750 });
    const store = new FaxJobStore(deps.dataDir);
    await store.ensure();
    const client = new AmiClient({
      host: resolved.amiHost,
      port: resolved.amiPort,
      username: resolved.amiUsername,
      password: resolved.amiPassword,
      actionTimeoutMs: resolved.actionTimeoutMs,
      keepaliveIntervalMs: resolved.keepaliveIntervalMs,
      reconnectMinMs: resolved.reconnectMinMs,
      reconnectMaxMs: resolved.reconnectMaxMs,
      authRetryMs: resolved.authRetryMs,
      log: (level, message, fields) => deps.logger[level](`sip: ${message}`, fields),
    });
    const limits: SilenceLimits = {
      settleMs: resolved.originateTimeoutMs + 2 * resolved.actionTimeoutMs + SETTLE_GRACE_MS,
      resultTimeoutMs: resolved.resultTimeoutMs,
    };
    const tracker = new FaxCallTracker(store, deps.logger, deps.faxStatus);
    const unsubscribe = client.onEvent((event) => void tracker.handle(event));
    const sender = new FaxSender(client, store, { ...resolved, faxDir, limits }, deps.logger);
    this.running = { config: resolved, deps, faxDir, client, tracker, unsubscribe, store, sender, limits };
    client.start();
    // No paths or secrets in the log: a folder may be named after a person, and AMI may be remote.
    deps.logger.info('sip: started; connecting to AMI', { faxDir: resolved.faxDir === '' ? 'data-dir' : 'configured', inbound: resolved.inboundSecret !== '' });
  }

  /**
   * Logs off AMI, clears every timer and waits for events still being recorded, so nothing writes
   * into the data folder afterwards. Safe after a failed start and when called twice.
   */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running === undefined) return;
    running.unsubscribe();
    await running.client.stop();
    await running.tracker.settled();
  }

  /** `ok` once logged in to AMI; `down` with the reason otherwise (`AMI login failed` for a wrong secret). */
  async health(): Promise<{ status: 'ok' | 'degraded' | 'down'; detail?: string }> {
    const client = this.running?.client;
    if (client === undefined) return { status: 'down', detail: 'not started' };
    if (client.state === 'ready') return { status: 'ok' };
    if (client.state === 'auth_failed') return { status: 'down', detail: 'AMI login failed' };
    return { status: 'down', detail: client.problem ?? 'connecting to AMI' };
  }

  /** Places the fax call; see {@link FaxSender}. The providerSid is the job id (the dialplan echoes it). */
  async send(options: SendOptions): Promise<SendResult> {
    return this.started().sender.send(options);
  }

  /** The last known status from the record: `in_progress` until a result is known. */
  async getStatus(query: StatusQuery): Promise<StatusResult> {
    const running = this.started();
    const record = isSafeJobId(query.providerSid) ? await running.store.get(query.providerSid) : undefined;
    if (record === undefined) throw new FaxbotError('PROVIDER_REJECTED', 'sip: unknown fax');
    return statusOf(record, Date.now(), running.limits);
  }

  /**
   * Hangs up the job's call with the AMI `Hangup` action (by the channel id the Originate set).
   * Repeating a cancel is a no-op; a finished fax, or a call that is not up, cannot be cancelled.
   */
  async cancel(query: StatusQuery): Promise<void> {
    const running = this.started();
    const jobId = query.providerSid;
    const record = isSafeJobId(jobId) ? await running.store.get(jobId) : undefined;
    if (record === undefined) throw new FaxbotError('PROVIDER_REJECTED', 'sip: unknown fax');
    if (record.status === 'cancelled') return;
    const call = liveCall(record);
    if (isFinished(record) || call === undefined) throw new FaxbotError('NOT_SUPPORTED', 'sip: the fax has already finished');
    // Mark first: the Hangup event can arrive before the action's answer.
    await running.store.update(jobId, (current) => (current === undefined ? undefined : { ...current, cancelRequested: true }));
    let response;
    try {
      response = await running.client.send([
        ['Action', 'Hangup'],
        ['Channel', call.uniqueid ?? call.callId],
      ]);
    } catch (error) {
      await running.store.update(jobId, (current) => (current === undefined || isFinished(current) ? undefined : { ...current, cancelRequested: false }));
      throw new FaxbotError('PROVIDER_UNAVAILABLE', `sip: could not reach Asterisk to cancel (${isAmiError(error) ? error.kind : 'error'})`, { cause: error, retryable: true });
    }
    let cancelledNow = false;
    const after = await running.store.update(jobId, (current) => {
      if (current === undefined || isFinished(current)) return undefined;
      if (!isSuccess(response)) return { ...current, cancelRequested: false };
      cancelledNow = true;
      return finish(current, { status: 'cancelled' }, Date.now());
    });
    if (cancelledNow) {
      running.deps.logger.info('sip: fax cancelled', { jobId });
      await running.deps.faxStatus.report({ providerSid: jobId, status: 'cancelled', pages: 0, error: 'asterisk: cancelled' });
      return;
    }
    // The Hangup event may have recorded the cancellation (and reported it) first.
    if (after?.status === 'cancelled') return;
    if (after !== undefined && isFinished(after)) throw new FaxbotError('NOT_SUPPORTED', 'sip: the fax finished before it could be cancelled');
    throw new FaxbotError('NOT_SUPPORTED', 'sip: the call is not up, so it cannot be hung up');
  }

  /** Routes `inbound` (the original `POST /_internal/asterisk/inbound`); other paths are unknown. */
  async handleWebhook(request: WebhookRequest): Promise<WebhookResult> {
    if (request.path !== 'inbound') return { response: { status: 404, body: { detail: 'Unknown webhook' } } };
    return this.handleInbound(request);
  }

  /** The inbound category contract: one delivery from the dialplan. */
  async handleInbound(request: WebhookRequest): Promise<WebhookResult> {
    const running = this.started();
    return handleInboundDelivery(request, { faxDir: running.faxDir, inboundSecret: running.config.inboundSecret }, running.deps.logger);
  }

  private started(): Running {
    // Retryable: nothing was sent, and the host calls a stopped plugin only while shutting down.
    if (this.running === undefined) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'sip: not started', { retryable: true });
    return this.running;
  }
}
