import type { CoreEventMap, PluginLogger } from '@faxbot/plugin-sdk';
import type { TransportContext, TransportEventType } from '../shared/transport-context';

/** An event a transport emitted. */
export interface EmittedTransportEvent<T extends TransportEventType = TransportEventType> {
  type: T;
  payload: CoreEventMap[T];
}

/** One line a transport logged. */
export interface CapturedLogLine {
  level: keyof PluginLogger;
  message: string;
  fields?: Record<string, unknown>;
}

/** A transport context whose logger and emitter record everything, for assertions. */
export interface RecordingContext extends TransportContext {
  logLines: CapturedLogLine[];
  events: EmittedTransportEvent[];
  /** The payloads of one event type, in order. */
  payloads<T extends TransportEventType>(type: T): Array<CoreEventMap[T]>;
}

/**
 * A context for plugin `acme` allowed to reach `allowedHosts`.
 *
 * @example
 * const context = recordingContext(['127.0.0.1']);
 */
export function recordingContext(allowedHosts: readonly string[]): RecordingContext {
  const logLines: CapturedLogLine[] = [];
  const record =
    (level: CapturedLogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logLines.push({ level, message, fields });
    };
  const events: EmittedTransportEvent[] = [];
  return {
    pluginId: 'acme',
    instanceId: 'acme',
    allowedHosts,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    logLines,
    events,
    emit: (type, payload) => {
      events.push({ type, payload } as EmittedTransportEvent);
    },
    payloads: <T extends TransportEventType>(type: T) =>
      events.filter((event) => event.type === type).map((event) => event.payload as CoreEventMap[T]),
  };
}
