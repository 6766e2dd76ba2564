import { CORE_EVENT_TYPES, type PluginDeps, type PluginLogger } from '@faxbot/plugin-sdk';
import { createPluginTransports, type TransportEventEmitter, type TransportEventType } from '@faxbot/transports';
import type { EventBus } from '../events/event-bus';

const TRANSPORT_EVENT_TYPES: ReadonlySet<string> = new Set(CORE_EVENT_TYPES.filter((type) => type.startsWith('transport.')));

/** True when `value` names a catalogue `transport.*` event (the only core events a plugin's transports may emit). */
export function isTransportEventType(value: unknown): value is TransportEventType {
  return typeof value === 'string' && TRANSPORT_EVENT_TYPES.has(value);
}

/** One instance's `deps.http`, `deps.websockets`, `deps.eventStreams`, and how the host ends them. */
export interface ScopedPluginTransports {
  transports: Pick<PluginDeps, 'http' | 'websockets' | 'eventStreams'>;
  /**
   * Publishes a transport event on the bus with the instance as its source. The isolated tiers
   * use it for the events their child's own transports emit. Dropped once {@link close} finished.
   */
  emit: TransportEventEmitter;
  /** Closes every socket, stream and retry timer of the instance; later events are dropped. */
  close(): Promise<void>;
}

/**
 * Builds the transports of one plugin instance: egress limited to the manifest's
 * `requirements.network`, lines written through the instance's scrubbing logger, and the
 * `transport.http.*` / `transport.websocket.*` events published on the core bus as the instance
 * (so they reach `GET /events`).
 */
export function createScopedPluginTransports(
  bus: EventBus,
  options: { pluginId: string; instanceId: string; allowedHosts: readonly string[]; logger: PluginLogger },
): ScopedPluginTransports {
  let closed = false;
  const emit: TransportEventEmitter = (type, payload) => {
    // A socket of a stopped instance must not speak for it any more.
    if (!closed) bus.publish(type, payload as Record<string, unknown>, options.instanceId);
  };
  const transports = createPluginTransports({ ...options, allowedHosts: [...options.allowedHosts], emit });
  return {
    transports: { http: transports.http, websockets: transports.websockets, eventStreams: transports.eventStreams },
    emit,
    async close() {
      // The `disconnected` events of the close itself are still published.
      await transports.close();
      closed = true;
    },
  };
}
