import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaxbotError, KeyedMutex, isFinalStatus, type ConfigValidationResult, type FaxDocument, type OutboundFaxPlugin, type PluginDeps, type SendOptions, type SendResult, type StatusQuery, type StatusResult } from '@faxbot/plugin-sdk';
import type { AcceptanceRecord } from './acceptance-record';
import { AttemptCounterStore } from './attempt-counter.store';
import { checkLoopbackConfig } from './check-loopback-config';
import { countPages } from './count-pages';
import { destinationPatternOf } from './destination-pattern';
import { DEFAULT_LOOPBACK_CONFIG, type LoopbackConfig } from './loopback-config';
import { maskDestination } from './mask-destination';
import { OutboxStore } from './outbox.store';
import { providerSidFor } from './provider-sid';
import { statusOfRecord } from './status-of-record';

/** Everything `start()` sets up; absent while the plugin is stopped. */
interface RunningLine {
  config: LoopbackConfig;
  deps: PluginDeps;
  outbox: OutboxStore;
  attempts: AttemptCounterStore;
  /** Aborted by `stop()`, which cuts short every slow-line wait. */
  stopping: AbortController;
}

/**
 * Faxbot's embedded test line. A send writes the document into an outbox folder; the fax is
 * `in_progress` until `deliveryDelayMs` has passed and then final. The last four digits of the
 * destination pick a simulated outcome (see the README), so host retries and failure paths can be
 * exercised end to end without a real fax ever leaving the machine.
 *
 * All state lives in files (the outbox and `<dataDir>/attempts`), so a new instance on the same
 * directories answers status queries and de-duplicates sends exactly like the old one.
 */
export class LoopbackPlugin implements OutboundFaxPlugin<LoopbackConfig> {
  private line: RunningLine | undefined;
  private readonly locks = new KeyedMutex();

  /** Accepts sane values; refuses a relative `outboxDir`. */
  async validateConfig(config: LoopbackConfig): Promise<ConfigValidationResult> {
    return checkLoopbackConfig({ ...DEFAULT_LOOPBACK_CONFIG, ...config });
  }

  /** Creates the outbox folder and opens the line. */
  async start(config: LoopbackConfig, deps: PluginDeps): Promise<void> {
    const resolved = { ...DEFAULT_LOOPBACK_CONFIG, ...config };
    const check = checkLoopbackConfig(resolved);
    if (!check.ok) throw new FaxbotError('CONFIG_INVALID', `loopback: ${check.errors.join('; ')}`);
    const outbox = new OutboxStore(resolved.outboxDir === '' ? join(deps.dataDir, 'outbox') : resolved.outboxDir);
    await outbox.ensure();
    this.line?.stopping.abort();
    this.line = {
      config: resolved,
      deps,
      outbox,
      attempts: new AttemptCounterStore(join(deps.dataDir, 'attempts')),
      stopping: new AbortController(),
    };
    // Paths stay out of the log: a configured folder might be named after a person or a number.
    deps.logger.info('loopback line ready; no fax leaves this machine', {
      outbox: resolved.outboxDir === '' ? 'data-dir' : 'configured',
      deliveryDelayMs: resolved.deliveryDelayMs,
      slowLineDelayMs: resolved.slowLineDelayMs,
      transientFailures: resolved.transientFailures,
    });
  }

  /** Closes the line and aborts pending slow-line waits; those sends fail as retryable. */
  async stop(): Promise<void> {
    this.line?.stopping.abort();
    this.line = undefined;
  }

  /** `ok` while the outbox folder is writable. */
  async health(): Promise<{ status: 'ok' | 'degraded' | 'down'; detail?: string }> {
    if (this.line === undefined) return { status: 'down', detail: 'not started' };
    return (await this.line.outbox.isWritable()) ? { status: 'ok' } : { status: 'down', detail: 'outbox is not writable' };
  }

  /** "Transmits" into the outbox, at most once per idempotency key. */
  async send(options: SendOptions): Promise<SendResult> {
    const line = this.running();
    return this.locks.run(`key:${options.idempotencyKey}`, async () => {
      const providerSid = providerSidFor(options.idempotencyKey);
      const earlier = await line.outbox.find(providerSid);
      if (earlier !== undefined) {
        line.deps.logger.debug('loopback send repeated; returning the earlier acceptance', { jobId: options.jobId, providerSid });
        return this.resultOf(line, earlier);
      }
      const pattern = destinationPatternOf(options.to);
      if (pattern === 'rejected') {
        line.deps.logger.info('loopback rejected the destination (simulated)', { jobId: options.jobId });
        throw new FaxbotError('NUMBER_INVALID', 'loopback: destination rejected', { retryable: false });
      }
      if (pattern === 'transient') await this.simulateOutage(line, options.jobId);
      if (pattern === 'slow_line') await this.waitForSlowLine(line, options);
      else if (options.signal?.aborted === true) throw abortedBeforeAcceptance(options.signal.reason);
      const bytes = await readDocument(options.document);
      const record: AcceptanceRecord = {
        version: 1,
        providerSid,
        jobId: options.jobId,
        idempotencyKey: options.idempotencyKey,
        acceptedAt: Date.now(),
        pattern,
        destination: maskDestination(options.to),
        document: {
          type: options.document.type,
          sizeBytes: bytes.length,
          pages: countPages(options.document.type, bytes),
          file: `${providerSid}.${options.document.type}`,
        },
      };
      const accepted = await line.outbox.accept(record, bytes);
      line.deps.logger.info('loopback accepted fax', { jobId: options.jobId, providerSid, pattern });
      return this.resultOf(line, accepted);
    });
  }

  /** Reports `in_progress` until the delivery delay has passed, then the simulated outcome. */
  async getStatus(query: StatusQuery): Promise<StatusResult> {
    const line = this.running();
    return statusOfRecord(await this.recordOf(line, query.providerSid), line.config.deliveryDelayMs, Date.now());
  }

  /** Cancels a fax still in progress; repeating a cancellation is a no-op. */
  async cancel(query: StatusQuery): Promise<void> {
    const line = this.running();
    await this.locks.run(`sid:${query.providerSid}`, async () => {
      const record = await this.recordOf(line, query.providerSid);
      if (record.cancelledAt !== undefined) return;
      const now = Date.now();
      if (isFinalStatus(statusOfRecord(record, line.config.deliveryDelayMs, now).status)) {
        throw new FaxbotError('NOT_SUPPORTED', 'already finished');
      }
      await line.outbox.update({ ...record, cancelledAt: now });
      line.deps.logger.info('loopback cancelled fax', { jobId: record.jobId, providerSid: record.providerSid });
    });
  }

  private running(): RunningLine {
    // Retryable: nothing was sent, and the host calls a stopped plugin only while shutting down.
    if (this.line === undefined) throw new FaxbotError('PROVIDER_UNAVAILABLE', 'loopback: not started', { retryable: true });
    return this.line;
  }

  private async recordOf(line: RunningLine, providerSid: string): Promise<AcceptanceRecord> {
    const record = await line.outbox.find(providerSid);
    if (record === undefined) throw new FaxbotError('PROVIDER_REJECTED', 'unknown fax');
    return record;
  }

  private resultOf(line: RunningLine, record: AcceptanceRecord): SendResult {
    return { providerSid: record.providerSid, ...statusOfRecord(record, line.config.deliveryDelayMs, Date.now()) };
  }

  /** Fails the first `transientFailures` attempts of a job; the count lives on disk. */
  private async simulateOutage(line: RunningLine, jobId: string): Promise<void> {
    await this.locks.run(`job:${jobId}`, async () => {
      if ((await line.attempts.count(jobId)) >= line.config.transientFailures) return;
      const attempt = await line.attempts.increment(jobId);
      line.deps.logger.warn('loopback line temporarily unavailable (simulated)', { jobId, attempt, failures: line.config.transientFailures });
      throw new FaxbotError('PROVIDER_UNAVAILABLE', 'loopback: line temporarily unavailable (simulated)', { retryable: true });
    });
  }

  private async waitForSlowLine(line: RunningLine, options: SendOptions): Promise<void> {
    const signals = options.signal === undefined ? [line.stopping.signal] : [line.stopping.signal, options.signal];
    try {
      await sleep(line.config.slowLineDelayMs, undefined, { signal: AbortSignal.any(signals) });
    } catch (cause) {
      line.deps.logger.warn('loopback send aborted while waiting for a slow line', { jobId: options.jobId });
      throw abortedBeforeAcceptance(cause);
    }
  }
}

function abortedBeforeAcceptance(cause: unknown): FaxbotError {
  return new FaxbotError('PROVIDER_UNAVAILABLE', 'loopback: send aborted before the line accepted it', { cause, retryable: true });
}

async function readDocument(document: FaxDocument): Promise<Buffer> {
  if (document.type !== 'pdf' && document.type !== 'txt') {
    throw new FaxbotError('DOCUMENT_UNREADABLE', 'loopback: only pdf and txt documents are supported');
  }
  try {
    return await document.read();
  } catch (cause) {
    throw new FaxbotError('DOCUMENT_UNREADABLE', 'loopback: could not read the document', { cause });
  }
}
