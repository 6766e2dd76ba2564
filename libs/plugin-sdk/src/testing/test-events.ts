import { FaxbotError } from '../errors/faxbot-error';
import { checkCustomEvent } from '../events/check-custom-event';
import type { CoreEventMap, CoreEventType } from '../contracts/event-catalogue';
import type { CustomEventPayload, CustomEventType, EventHandler, FaxbotEvent, PluginEvents } from '../contracts/plugin-events';

/** In-memory events for one plugin under test, and what a test needs to drive and observe them. */
export interface InMemoryEvents {
  events: PluginEvents;
  /** Every event the plugin emitted, in order. */
  emitted: FaxbotEvent[];
  /** Delivers an event to the plugin's handlers as the host would; rejects with the first handler failure. */
  publish(type: string, payload: Record<string, unknown>): Promise<void>;
}

/**
 * Builds the bus behind `createTestDeps().events`: the host's naming and payload rules, handlers
 * called after `emit` returns, handler failures reported through `onHandlerError`.
 */
export function createInMemoryEvents(pluginId: string, instanceId: string, onHandlerError: (type: string, error: unknown) => void): InMemoryEvents {
  const handlers = new Map<string, Set<EventHandler>>();
  const emitted: FaxbotEvent[] = [];
  let sequence = 0;

  const build = (type: string, payload: Record<string, unknown>, source: string): FaxbotEvent =>
    Object.freeze({ id: ++sequence, type, time: new Date().toISOString(), source, payload: Object.freeze({ ...payload }) as CustomEventPayload });
  const call = async (handler: EventHandler, event: FaxbotEvent): Promise<void> => {
    await handler(event);
  };
  const on = (type: string, handler: EventHandler): (() => void) => {
    const set = handlers.get(type) ?? new Set<EventHandler>();
    handlers.set(type, set);
    // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
    const entry: EventHandler = (event) => handler(event);
    set.add(entry);
    return () => void set.delete(entry);
  };

  const events: PluginEvents = {
    on: on as PluginEvents['on'],
    emit(type: CustomEventType, payload: CustomEventPayload): void {
      const problem = checkCustomEvent(pluginId, type, payload);
      if (problem !== null) throw new FaxbotError('NOT_SUPPORTED', problem);
      const event = build(type, payload, instanceId);
      emitted.push(event);
      for (const handler of [...(handlers.get(type) ?? [])]) {
        void Promise.resolve()
          .then(() => call(handler, event))
          .catch((error: unknown) => onHandlerError(type, error));
      }
    },
  };

  return {
    events,
    emitted,
    async publish(type, payload) {
      const event = build(type, payload, 'core');
      const failures: unknown[] = [];
      for (const handler of [...(handlers.get(type) ?? [])]) {
        await call(handler, event).catch((error: unknown) => failures.push(error));
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}

/** Signature of {@link InMemoryEvents.publish} as `TestDeps` exposes it, typed by the catalogue. */
export interface PublishEvent {
  <T extends CoreEventType>(type: T, payload: CoreEventMap[T]): Promise<void>;
  (type: CustomEventType, payload: CustomEventPayload): Promise<void>;
}
