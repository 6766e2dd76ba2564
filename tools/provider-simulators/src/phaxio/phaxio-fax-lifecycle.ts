import { phaxioTime, type PhaxioFax, type PhaxioRecipient } from './phaxio-fax';
import type { PhaxioSimulatedFax } from './phaxio-simulated-fax';
import { phaxioLineFailureOf } from './phaxio-test-numbers';

/** Something that happened to a fax that Phaxio tells the callback URL about. */
export type PhaxioFaxEvent = { type: 'fax_completed' } | { type: 'transmitting_page'; page: number; recipient: string };

/** Timings and callback behaviour of the lifecycle. */
export interface PhaxioLifecycleOptions {
  queuedMs: number;
  inProgressMs: number;
  slowLineMs: number;
  inflightCallbacks: boolean;
  outOfOrderCallbacks: boolean;
}

/** Receives each event with a snapshot of the Fax object at that moment. */
export type PhaxioFaxEventListener = (record: PhaxioSimulatedFax, event: PhaxioFaxEvent, snapshot: PhaxioFax) => void;

const CENTS_PER_PAGE = 7;
const UNFINISHED = new Set(['queued', 'pendingbatch', 'inprogress']);

/**
 * Moves faxes through Phaxio's statuses on timers: `queued` → `inprogress` → `success`, `failure`
 * or `partialsuccess` (per recipient by the test-number rules), and reports `fax_completed` (and,
 * when enabled, `transmitting_page`) events, optionally out of order.
 */
export class PhaxioFaxLifecycle {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly held = new Map<number, Array<{ event: PhaxioFaxEvent; snapshot: PhaxioFax }>>();

  constructor(
    private readonly options: PhaxioLifecycleOptions,
    private readonly listener: PhaxioFaxEventListener,
  ) {}

  /** Starts a freshly created, `queued` fax on its way. */
  begin(record: PhaxioSimulatedFax): void {
    this.schedule(record, this.options.queuedMs, () => this.transmit(record));
  }

  /** Cancels a fax that has not finished; false when it already has. */
  cancel(record: PhaxioSimulatedFax): boolean {
    if (!UNFINISHED.has(record.fax.status)) return false;
    this.clear(record.id);
    const now = phaxioTime();
    record.fax.status = 'cancelled';
    record.fax.completed_at = now;
    for (const recipient of record.fax.recipients) Object.assign(recipient, { status: 'cancelled', completed_at: now });
    this.emit(record, { type: 'fax_completed' });
    this.releaseHeld(record);
    return true;
  }

  /** Stops every timer; faxes stay where they are. */
  close(): void {
    for (const id of [...this.timers.keys()]) this.clear(id);
    this.held.clear();
  }

  private transmit(record: PhaxioSimulatedFax): void {
    record.fax.status = 'inprogress';
    for (const recipient of record.fax.recipients) recipient.status = 'callactive';
    if (this.options.inflightCallbacks || this.options.outOfOrderCallbacks) {
      for (const recipient of record.fax.recipients) {
        for (let page = 1; page <= record.fax.num_pages; page += 1) {
          this.emit(record, { type: 'transmitting_page', page, recipient: recipient.phone_number }, this.options.outOfOrderCallbacks);
        }
      }
    }
    const slow = record.outcomes.includes('slow');
    this.schedule(record, slow ? this.options.slowLineMs : this.options.inProgressMs, () => this.finish(record));
  }

  private finish(record: PhaxioSimulatedFax): void {
    this.timers.delete(record.id);
    const now = phaxioTime();
    const fax = record.fax;
    let delivered = 0;
    let firstFailure: PhaxioRecipient | null = null;
    fax.recipients.forEach((recipient, index) => {
      const failure = record.conversionError ?? phaxioLineFailureOf(record.outcomes[index] ?? 'delivered');
      recipient.completed_at = now;
      if (failure === null) {
        delivered += 1;
        Object.assign(recipient, { status: 'success', bitrate: 14400, resolution: 8040 });
      } else {
        Object.assign(recipient, { status: 'failure', ...failure });
        firstFailure ??= recipient;
      }
    });
    fax.status = delivered === fax.recipients.length ? 'success' : delivered === 0 ? 'failure' : 'partialsuccess';
    fax.cost = delivered * fax.num_pages * CENTS_PER_PAGE;
    fax.completed_at = now;
    const failed = firstFailure as PhaxioRecipient | null;
    if (failed !== null) Object.assign(fax, { error_type: failed.error_type, error_id: failed.error_id, error_message: failed.error_message });
    this.emit(record, { type: 'fax_completed' });
    this.releaseHeld(record);
  }

  private emit(record: PhaxioSimulatedFax, event: PhaxioFaxEvent, hold = false): void {
    const snapshot = structuredClone(record.fax);
    if (!hold) {
      this.listener(record, event, snapshot);
      return;
    }
    const list = this.held.get(record.id) ?? [];
    list.push({ event, snapshot });
    this.held.set(record.id, list);
  }

  /** Out-of-order mode: the stale in-flight events go out after the final one. */
  private releaseHeld(record: PhaxioSimulatedFax): void {
    const list = this.held.get(record.id) ?? [];
    this.held.delete(record.id);
    for (const { event, snapshot } of list) this.listener(record, event, snapshot);
  }

  private schedule(record: PhaxioSimulatedFax, delayMs: number, step: () => void): void {
    this.clear(record.id);
    const timer = setTimeout(step, delayMs);
    // A CLI user may leave a slow fax behind; it must not keep the process alive on its own.
    timer.unref();
    this.timers.set(record.id, timer);
  }

  private clear(id: number): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(id);
  }
}
