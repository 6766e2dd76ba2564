import { randomBytes } from 'node:crypto';
import { buildSinchCallback, type SinchCallbackEvent } from './build-sinch-callback';
import { countDocumentPages } from './count-document-pages';
import { SinchCallbackSender, type RecordedSinchCallback } from './sinch-callback.sender';
import { outcomeFor } from './sinch-destinations';
import { toSinchFaxJson, type SimulatedSinchFax, type SinchFaxStatus } from './sinch-fax';
import type { RecordedSinchRequest, SinchSendFailure } from './sinch-simulator.types';
import { SinchTokenIssuer } from './sinch-token.issuer';

/** The settled options of one simulator. */
export interface SinchSimulatorSettings {
  projectId: string;
  keyId: string;
  keySecret: string;
  tokenTtlSeconds: number;
  queuedMs: number;
  inProgressMs: number;
  slowMs: number;
  responseDelayMs: number;
  duplicateCallbacks: number;
  callbackTimeoutMs: number;
  contentFetchTimeoutMs: number;
  callbackSigningSecret: string | undefined;
}

/** What a new outbound fax starts with. */
export type NewOutboundFax = Pick<
  SimulatedSinchFax,
  'to' | 'from' | 'serviceId' | 'callbackUrl' | 'callbackUrlContentType' | 'labels' | 'contentUrl' | 'documentSource' | 'document' | 'contentUrlStatus'
>;

/**
 * Everything one simulator knows: faxes and their timers, issued tokens, injected failures,
 * recorded requests and callbacks. The HTTP router reads and changes it; the handle exposes it.
 */
export class SinchSimulatorState {
  readonly faxes = new Map<string, SimulatedSinchFax>();
  readonly requests: RecordedSinchRequest[] = [];
  readonly failures: SinchSendFailure[] = [];
  readonly tokens: SinchTokenIssuer;
  readonly callbacks: SinchCallbackSender;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly statusWaiters: Array<{ id: string; status: SinchFaxStatus; resolve: (fax: SimulatedSinchFax) => void }> = [];
  private closed = false;

  constructor(readonly settings: SinchSimulatorSettings) {
    this.tokens = new SinchTokenIssuer(settings.keyId, settings.keySecret, () => this.settings.tokenTtlSeconds);
    this.callbacks = new SinchCallbackSender(settings.callbackTimeoutMs);
  }

  /** Creates an outbound fax and starts its progress QUEUED → IN_PROGRESS → outcome. */
  createOutbound(input: NewOutboundFax): SimulatedSinchFax {
    const fax: SimulatedSinchFax = {
      ...input,
      id: newFaxId(),
      direction: 'OUTBOUND',
      projectId: this.settings.projectId,
      status: 'QUEUED',
      failure: null,
      numberOfPages: input.document === null ? null : countDocumentPages(input.document),
      createTime: new Date().toISOString(),
      completedTime: null,
    };
    this.faxes.set(fax.id, fax);
    const outcome = outcomeFor(fax.to);
    this.after(this.settings.queuedMs, () => {
      if (fax.status !== 'QUEUED') return;
      this.setStatus(fax, 'IN_PROGRESS');
      const progressMs = outcome.kind === 'slow' ? this.settings.slowMs : this.settings.inProgressMs;
      this.after(progressMs, () => void this.finish(fax));
    });
    return fax;
  }

  /** Ends a fax in progress with its number's outcome (or the one given), then calls back. */
  async finish(fax: SimulatedSinchFax, forced?: 'COMPLETED' | 'FAILURE'): Promise<void> {
    if (fax.status === 'COMPLETED' || fax.status === 'FAILURE') return;
    const outcome = outcomeFor(fax.to);
    if (forced === 'FAILURE' || (forced === undefined && outcome.kind === 'failed')) {
      fax.failure = outcome.kind === 'failed' ? outcome.failure : { errorType: 'FAX_ERROR', errorCode: 6, errorMessage: 'There was an error communicating with the far side.' };
    } else if (fax.document === null) {
      // A content URL that could not be fetched ends as a conversion error, as at Sinch.
      fax.failure = { errorType: 'DOCUMENT_CONVERSION_ERROR', errorCode: 4, errorMessage: 'The document could not be retrieved or converted' };
    }
    fax.completedTime = new Date().toISOString();
    this.setStatus(fax, fax.failure === null ? 'COMPLETED' : 'FAILURE');
    if (fax.callbackUrl !== null) await this.callBack(fax, 'FAX_COMPLETED', fax.callbackUrl);
  }

  /** Records a received fax for one of the project's numbers. */
  createInbound(input: { to: string; from: string | null; pdf: Buffer }): SimulatedSinchFax {
    const now = new Date().toISOString();
    const fax: SimulatedSinchFax = {
      id: newFaxId(),
      direction: 'INBOUND',
      projectId: this.settings.projectId,
      serviceId: null,
      to: input.to,
      from: input.from,
      status: 'COMPLETED',
      failure: null,
      numberOfPages: countDocumentPages(input.pdf),
      createTime: now,
      completedTime: now,
      callbackUrl: null,
      callbackUrlContentType: 'multipart/form-data',
      labels: {},
      contentUrl: null,
      documentSource: 'inbound',
      document: input.pdf,
      contentUrlStatus: null,
    };
    this.faxes.set(fax.id, fax);
    return fax;
  }

  /**
   * Posts a callback about `fax` to `targetUrl` (plus the configured duplicates). `snapshot`
   * replaces the Fax object the body carries (for stale deliveries).
   */
  async callBack(
    fax: SimulatedSinchFax,
    event: SinchCallbackEvent,
    targetUrl: string,
    options: { snapshot?: Record<string, unknown>; attachFile?: boolean; contentType?: SimulatedSinchFax['callbackUrlContentType']; repeated?: boolean } = {},
  ): Promise<RecordedSinchCallback | null> {
    if (this.closed) return null;
    const request = buildSinchCallback({
      faxId: fax.id,
      event,
      targetUrl,
      contentType: options.contentType ?? fax.callbackUrlContentType,
      fax: options.snapshot ?? toSinchFaxJson(fax),
      file: options.attachFile === false ? null : fax.document,
      eventTime: new Date().toISOString(),
      ...(this.settings.callbackSigningSecret === undefined ? {} : { signingSecret: this.settings.callbackSigningSecret }),
    });
    const first = await this.callbacks.send(request, options.repeated ?? false);
    for (let copy = 0; copy < this.settings.duplicateCallbacks; copy += 1) await this.callbacks.send(request, true);
    return first;
  }

  /** Resolves once the fax has `status` (at once when it has it already). */
  waitForStatus(id: string, status: SinchFaxStatus, timeoutMs: number): Promise<SimulatedSinchFax> {
    const fax = this.faxes.get(id);
    if (fax?.status === status) return Promise.resolve(fax);
    return new Promise((resolve, reject) => {
      const waiter = {
        id,
        status,
        resolve: (found: SimulatedSinchFax) => {
          clearTimeout(timer);
          resolve(found);
        },
      };
      const timer = setTimeout(() => {
        this.statusWaiters.splice(this.statusWaiters.indexOf(waiter), 1);
        reject(new Error(`fax ${id} did not reach ${status} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.statusWaiters.push(waiter);
    });
  }

  /** Runs `task` after `ms` unless the simulator closes first. */
  after(ms: number, task: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  /** Stops every timer and callback; nothing happens after this. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.callbacks.close();
  }

  private setStatus(fax: SimulatedSinchFax, status: SinchFaxStatus): void {
    fax.status = status;
    for (const waiter of this.statusWaiters.splice(0)) {
      if (waiter.id === fax.id && waiter.status === status) waiter.resolve(fax);
      else this.statusWaiters.push(waiter);
    }
  }
}

/** Sinch fax ids are opaque strings like `01HXYZ...`; ours are recognisably simulated. */
function newFaxId(): string {
  return `01SIM${randomBytes(10).toString('hex').toUpperCase()}`;
}
