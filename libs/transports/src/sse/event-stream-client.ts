import { randomUUID } from 'node:crypto';
import type { EventStreamConnectOptions, PluginEventStreams, ReconnectOptions } from '@faxbot/plugin-sdk';
import { checkEgress } from '../egress/check-egress';
import { createEgressPolicy } from '../egress/egress-policy';
import { resolveReconnect } from '../shared/reconnect-settings';
import { defaultUserAgent, type TransportContext } from '../shared/transport-context';
import { transportError } from '../shared/transport-error';
import { ManagedEventStream } from './managed-event-stream';

/** Client-wide settings; a stream's own options win. */
export interface EventStreamClientDefaults {
  /** Deadline for the response headers of one attempt (default 30 000 ms). */
  connectTimeoutMs?: number;
  /** Reconnect after this long without a byte (default 0: off). */
  idleTimeoutMs?: number;
  /** Default 500 ms first delay, 30 000 ms cap, never give up. */
  reconnect?: ReconnectOptions;
}

/** Options of {@link createEventStreamClient}; `emit` is unused (the catalogue has no SSE events yet). */
export interface EventStreamClientOptions extends TransportContext {
  defaults?: EventStreamClientDefaults;
}

/** The SDK's `PluginEventStreams`, plus `close()` for the host. */
export interface EventStreamClient extends PluginEventStreams {
  /** Disconnects every stream and refuses new ones. */
  close(): Promise<void>;
}

/**
 * Builds the Server-Sent Events client of one plugin instance (the host hands it out as
 * `deps.eventStreams`), on Node's `http`/`https`: egress allowlist, reconnects with backoff and
 * `Last-Event-ID`, per-event-name subscriptions.
 *
 * @example
 * const streams = createEventStreamClient({ pluginId: 'acme', instanceId: 'acme', allowedHosts: ['api.acme.test'], logger, emit });
 * const id = await streams.connect('https://api.acme.test/v1/events');
 * streams.subscribe(id, 'fax.status', (event) => handle(JSON.parse(event.data)));
 * await streams.close();
 */
export function createEventStreamClient(options: EventStreamClientOptions): EventStreamClient {
  const policy = createEgressPolicy(options.allowedHosts);
  const defaults = options.defaults ?? {};
  const streams = new Map<string, ManagedEventStream>();
  let closed = false;

  const find = (streamId: string): ManagedEventStream => {
    const stream = streams.get(streamId);
    if (stream === undefined) throw transportError('NOT_SUPPORTED', 'no event stream with this id (never opened, or ended)');
    return stream;
  };

  return {
    async connect(url: string, connectOptions: EventStreamConnectOptions = {}): Promise<string> {
      if (closed) throw transportError('NOT_SUPPORTED', 'the event stream client is closed');
      const target = checkEgress(url, { policy, schemes: ['http:', 'https:'], transport: 'event-stream', logger: options.logger });
      const id = randomUUID();
      const stream = new ManagedEventStream({
        id,
        url: target,
        context: options,
        userAgent: defaultUserAgent(options),
        headers: connectOptions.headers,
        lastEventId: connectOptions.lastEventId ?? '',
        connectTimeoutMs: connectOptions.connectTimeoutMs ?? defaults.connectTimeoutMs ?? 30_000,
        idleTimeoutMs: connectOptions.idleTimeoutMs ?? defaults.idleTimeoutMs ?? 0,
        reconnect: resolveReconnect(connectOptions.reconnect, defaults.reconnect),
        onEnded: () => streams.delete(id),
      });
      streams.set(id, stream);
      await stream.start();
      return id;
    },
    subscribe: (streamId, event, handler) => find(streamId).subscribe(event, handler),
    subscribeStatus: (streamId, handler) => find(streamId).subscribeStatus(handler),
    lastEventId: (streamId) => streams.get(streamId)?.lastEventId ?? '',
    disconnect: async (streamId) => {
      await streams.get(streamId)?.stop();
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...streams.values()].map((stream) => stream.stop()));
    },
  };
}
