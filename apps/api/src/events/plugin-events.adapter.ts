import { FaxbotError, checkCustomEvent, type EventHandler, type PluginEvents, type Unsubscribe } from '@faxbot/plugin-sdk';
import type { EventBus } from './event-bus';

/** One plugin instance's view of the bus, and how the host ends it when the instance stops. */
export interface ScopedPluginEvents {
  events: PluginEvents;
  /** Ends every subscription of the instance; later `on` calls are ignored and `emit` calls dropped. */
  close(): void;
}

/**
 * Builds `deps.events` for one instance: subscriptions attributed to the instance (so a failing
 * handler is logged against it), emits limited to the plugin's own `<pluginId>.<name>` events
 * with flat, non-PHI payloads (the SDK's `checkCustomEvent`).
 */
export function createPluginEvents(bus: EventBus, ids: { pluginId: string; instanceId: string }): ScopedPluginEvents {
  const owner = { name: `plugin:${ids.instanceId}`, pluginId: ids.pluginId, instanceId: ids.instanceId };
  const subscriptions = new Set<Unsubscribe>();
  let closed = false;

  const on = (type: string, handler: EventHandler): Unsubscribe => {
    if (typeof type !== 'string' || type.includes('*')) throw new FaxbotError('NOT_SUPPORTED', 'subscribe to an exact event name');
    if (typeof handler !== 'function') throw new FaxbotError('NOT_SUPPORTED', 'an event handler must be a function');
    if (closed) return () => undefined;
    const unsubscribeFromBus = bus.subscribe(type, handler, owner);
    const unsubscribe = (): void => {
      subscriptions.delete(unsubscribe);
      unsubscribeFromBus();
    };
    subscriptions.add(unsubscribe);
    return unsubscribe;
  };

  const events: PluginEvents = {
    on: on as PluginEvents['on'],
    emit(type, payload) {
      const problem = checkCustomEvent(ids.pluginId, type, payload);
      if (problem !== null) throw new FaxbotError('NOT_SUPPORTED', problem);
      // A timer left running by a stopped instance must not speak for it any more.
      if (!closed) bus.publish(type, payload, ids.instanceId);
    },
  };

  return {
    events,
    close() {
      closed = true;
      for (const unsubscribe of [...subscriptions]) unsubscribe();
    },
  };
}
