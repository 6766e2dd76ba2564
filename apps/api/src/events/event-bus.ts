import type { CoreEventMap, CoreEventType, EventHandler, FaxbotEvent, Unsubscribe } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import { guardEventPayload } from './event-payload.guard';
import { matchesEventPattern } from './event-pattern';

/** Who a subscription belongs to; named in the log when its handler fails. */
export interface EventSubscriber {
  /** `plugin:<instanceId>`, `sse:<keyId>`, or a core component's name. */
  name: string;
  pluginId?: string;
  instanceId?: string;
}

/** Limits of the bus. */
export interface EventBusOptions {
  /** A handler's promise still pending after this is logged and counted as hanging. */
  handlerTimeoutMs: number;
  /** Unsettled handler promises one subscription may have; further events for it are dropped. Default 100. */
  maxPendingPerSubscription?: number;
  /** Recent events kept for SSE clients that reconnect with `Last-Event-ID`. Default 500. */
  historySize?: number;
}

interface Subscription {
  pattern: string;
  handler: EventHandler;
  owner: EventSubscriber;
  /** Deliveries whose handler returned a promise that has not settled yet. */
  pending: number;
  active: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * The gateway's in-process event bus. `emit` returns at once: each handler runs later, on its own,
 * so a handler that throws, rejects or never settles cannot break the emitter or other handlers.
 * Failures are logged against the subscriber (a plugin instance, an SSE client) and counted.
 * Payloads pass a PHI guard before anyone sees them.
 */
export class EventBus {
  private sequence = 0;
  private readonly subscriptions = new Set<Subscription>();
  private readonly history: FaxbotEvent[] = [];
  private readonly failures = new Map<string, number>();
  private readonly warnedDrops = new Set<string>();
  private readonly maxPending: number;
  private readonly historySize: number;

  constructor(
    private readonly logger: Logger,
    private readonly options: EventBusOptions,
  ) {
    this.maxPending = options.maxPendingPerSubscription ?? 100;
    this.historySize = options.historySize ?? 500;
  }

  /** Emits a core event. Never throws. */
  emit<T extends CoreEventType>(type: T, payload: CoreEventMap[T]): FaxbotEvent<T> | null {
    return this.publish(type, payload, 'core') as FaxbotEvent<T> | null;
  }

  /**
   * Emits an event from `source` (`core` or a plugin instance id). Plugin events must have passed
   * the SDK's `checkCustomEvent` already. Returns the event as delivered; null only if building
   * it failed, which is logged instead of thrown.
   */
  publish(type: string, payload: Record<string, unknown>, source: string): FaxbotEvent | null {
    try {
      const guarded = guardEventPayload(payload);
      if (guarded.dropped.length > 0) this.warnDropped(type, guarded.dropped);
      const event: FaxbotEvent = Object.freeze({ id: ++this.sequence, type, time: new Date().toISOString(), source, payload: guarded.payload });
      this.history.push(event);
      if (this.history.length > this.historySize) this.history.shift();
      for (const subscription of this.subscriptions) {
        // Each delivery runs on its own turn of the event loop, after emit has returned.
        if (matchesEventPattern(subscription.pattern, type)) setImmediate(() => this.deliver(subscription, event));
      }
      return event;
    } catch (error) {
      this.logger.error({ eventType: type, err: error }, 'event could not be emitted');
      return null;
    }
  }

  /** Calls `handler` for every later event matching `pattern` (a name, `prefix.*` or `*`). */
  subscribe(pattern: string, handler: EventHandler, owner: EventSubscriber): Unsubscribe {
    const subscription: Subscription = { pattern, handler, owner, pending: 0, active: true };
    this.subscriptions.add(subscription);
    return () => {
      subscription.active = false;
      this.subscriptions.delete(subscription);
    };
  }

  /** Kept events with an id above `afterId`, oldest first. */
  since(afterId: number): FaxbotEvent[] {
    return this.history.filter((event) => event.id > afterId);
  }

  /** Handler failures per subscriber name: throws, rejections, timeouts and dropped deliveries. */
  failureCounts(): Record<string, number> {
    return Object.fromEntries(this.failures);
  }

  private deliver(subscription: Subscription, event: FaxbotEvent): void {
    if (!subscription.active) return;
    if (subscription.pending >= this.maxPending) {
      // A handler that keeps hanging would otherwise pile up unsettled promises without bound.
      this.fail(subscription, event, 'dropped', `${subscription.pending} earlier deliveries have not settled`);
      return;
    }
    let result: unknown;
    try {
      result = subscription.handler(event);
    } catch (error) {
      this.fail(subscription, event, 'threw', error);
      return;
    }
    if (!isPromiseLike(result)) return;
    subscription.pending += 1;
    const timer = setTimeout(() => this.fail(subscription, event, 'timed out', `not settled after ${this.options.handlerTimeoutMs} ms`), this.options.handlerTimeoutMs);
    timer.unref();
    Promise.resolve(result).then(
      () => {
        clearTimeout(timer);
        subscription.pending -= 1;
      },
      (error: unknown) => {
        clearTimeout(timer);
        subscription.pending -= 1;
        this.fail(subscription, event, 'rejected', error);
      },
    );
  }

  private fail(subscription: Subscription, event: FaxbotEvent, how: 'threw' | 'rejected' | 'timed out' | 'dropped', error: unknown): void {
    const { owner } = subscription;
    this.failures.set(owner.name, (this.failures.get(owner.name) ?? 0) + 1);
    const fields = {
      subscriber: owner.name,
      ...(owner.pluginId === undefined ? {} : { plugin: owner.pluginId }),
      ...(owner.instanceId === undefined ? {} : { instance: owner.instanceId }),
      eventType: event.type,
      eventId: event.id,
      outcome: how,
      reason: messageOf(error),
      ...(error instanceof Error ? { err: error } : {}),
    };
    if (how === 'threw' || how === 'rejected') this.logger.error(fields, 'event handler failed');
    else this.logger.warn(fields, 'event handler failed');
  }

  private warnDropped(type: string, keys: string[]): void {
    const fresh = keys.filter((key) => !this.warnedDrops.has(`${type}:${key}`));
    if (fresh.length === 0) return;
    for (const key of fresh) this.warnedDrops.add(`${type}:${key}`);
    this.logger.warn({ eventType: type, keys: fresh }, 'event payload keys dropped: events carry ids and non-PHI metadata only');
  }
}
