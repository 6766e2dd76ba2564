import type { CoreEventMap, CoreEventType, PluginLogger } from '@faxbot/plugin-sdk';

/** The catalogue events the transports emit (`transport.http.*`, `transport.websocket.*`). */
export type TransportEventType = Extract<CoreEventType, `transport.${string}`>;

/** Publishes a transport event on the host's bus; payloads follow the SDK catalogue exactly. */
export type TransportEventEmitter = <T extends TransportEventType>(type: T, payload: CoreEventMap[T]) => void;

/**
 * What every transport factory needs, for one plugin instance. The host builds it from the
 * instance's manifest and deps.
 */
export interface TransportContext {
  pluginId: string;
  instanceId: string;
  /** The manifest's `requirements.network`: `api.example.com`, `*.example.com`, `host:port`. */
  allowedHosts: readonly string[];
  /** Usually the instance's `deps.logger`. */
  logger: PluginLogger;
  /** Emits the catalogue events; the event-stream client has none to emit yet and ignores it. */
  emit: TransportEventEmitter;
}

/** Emits without letting a failing bus break the transport; the failure is logged instead. */
export function emitSafely<T extends TransportEventType>(context: TransportContext, type: T, payload: CoreEventMap[T]): void {
  try {
    context.emit(type, payload);
  } catch (error) {
    context.logger.warn('transport event not emitted', { type, error: error instanceof Error ? error.message : String(error) });
  }
}

/** `faxbot-plugin/<pluginId>`: lets a provider see which plugin called, and nothing more. */
export function defaultUserAgent(context: TransportContext): string {
  return `faxbot-plugin/${context.pluginId}`;
}
