import { FaxbotError } from '../errors/faxbot-error';
import type { PluginLogger } from '../contracts/plugin-deps';
import type { EventStreamConnectOptions, EventStreamStatus, PluginEventStreams, ServerSentEvent } from '../contracts/transports';
import { checkTestEgress } from './test-egress';

/** One stream the plugin opened through the test `deps.eventStreams`, as its server sees it. */
export interface TestEventStream {
  id: string;
  url: string;
  /** The `Last-Event-ID` of each request, first one included ('' when none was sent). */
  requestedLastEventIds: string[];
  state: 'open' | 'closed';
}

/**
 * The server side of the test `deps.eventStreams`: no request is made; the test plays the
 * provider's stream. Each method resolves once the plugin's handlers have finished.
 */
export interface TestEventStreamPeer {
  /** Every stream the plugin opened, in order. */
  streams: TestEventStream[];
  /** The latest stream whose URL starts with `urlPrefix` (any when omitted); throws when there is none. */
  stream(urlPrefix?: string): TestEventStream;
  /** Sends one event (`event` defaults to `message`; `id`, when given, becomes the stream's last id). */
  push(streamId: string, event: { event?: string; data: string; id?: string }): Promise<void>;
  /**
   * Ends the response as a failing server would: the stream reopens at once with `Last-Event-ID`
   * (status `reconnecting`, then `open` with `reconnected: true`), or closes (`ended`) when the
   * plugin connected with `reconnect: false`.
   */
  drop(streamId: string): Promise<void>;
}

interface Entry {
  stream: TestEventStream;
  options: EventStreamConnectOptions;
  lastEventId: string;
  handlers: Map<string, Set<(event: ServerSentEvent) => void | Promise<void>>>;
  statusHandlers: Set<(status: EventStreamStatus) => void | Promise<void>>;
}

/**
 * `deps.eventStreams` of {@link createTestDeps} and its {@link TestEventStreamPeer}: the host's
 * egress rule, event names and resume-by-id behaviour, with the test standing in for the server.
 */
export function createTestEventStreams(options: { allowedHosts: readonly string[]; logger: PluginLogger }): { eventStreams: PluginEventStreams; peer: TestEventStreamPeer } {
  const entries = new Map<string, Entry>();
  const streams: TestEventStream[] = [];
  let sequence = 0;

  const entryOf = (id: string): Entry => {
    const entry = entries.get(id);
    if (entry === undefined || entry.stream.state === 'closed') throw new FaxbotError('NOT_SUPPORTED', `no open event stream ${id}`);
    return entry;
  };
  const run = async <T>(handlers: Iterable<(value: T) => void | Promise<void>>, value: T): Promise<void> => {
    for (const handler of [...handlers]) {
      try {
        await handler(value);
      } catch (error) {
        options.logger.error('event stream handler failed', { reason: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const close = async (entry: Entry, reason: 'disconnected' | 'ended'): Promise<void> => {
    entry.stream.state = 'closed';
    entry.lastEventId = '';
    await run(entry.statusHandlers, { state: 'closed', reason });
  };

  const eventStreams: PluginEventStreams = {
    async connect(url, connectOptions = {}) {
      checkTestEgress(url, options.allowedHosts, ['http:', 'https:'], options.logger);
      const id = `sse-${++sequence}`;
      const lastEventId = connectOptions.lastEventId ?? '';
      const entry: Entry = { stream: { id, url, requestedLastEventIds: [lastEventId], state: 'open' }, options: connectOptions, lastEventId, handlers: new Map(), statusHandlers: new Set() };
      entries.set(id, entry);
      streams.push(entry.stream);
      setImmediate(() => void run(entry.statusHandlers, { state: 'open', reconnected: false }));
      return id;
    },
    subscribe(streamId, event, handler) {
      const { handlers } = entryOf(streamId);
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      const wrapped = (value: ServerSentEvent): void | Promise<void> => handler(value);
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    subscribeStatus(streamId, handler) {
      const { statusHandlers } = entryOf(streamId);
      const wrapped = (status: EventStreamStatus): void | Promise<void> => handler(status);
      statusHandlers.add(wrapped);
      return () => void statusHandlers.delete(wrapped);
    },
    lastEventId: (streamId) => entries.get(streamId)?.lastEventId ?? '',
    async disconnect(streamId) {
      const entry = entries.get(streamId);
      if (entry !== undefined && entry.stream.state === 'open') await close(entry, 'disconnected');
    },
  };

  const peer: TestEventStreamPeer = {
    streams,
    stream(urlPrefix = '') {
      const found = [...streams].reverse().find((stream) => stream.url.startsWith(urlPrefix));
      if (found === undefined) throw new Error(`the plugin opened no event stream to ${urlPrefix || 'anywhere'}`);
      return found;
    },
    async push(streamId, sent) {
      const entry = entryOf(streamId);
      if (sent.id !== undefined) entry.lastEventId = sent.id;
      const event = sent.event ?? 'message';
      await run(entry.handlers.get(event) ?? [], { event, data: sent.data, id: entry.lastEventId });
    },
    async drop(streamId) {
      const entry = entryOf(streamId);
      if (entry.options.reconnect === false) {
        await close(entry, 'ended');
        return;
      }
      await run(entry.statusHandlers, { state: 'reconnecting', attempt: 1, delayMs: 0 });
      entry.stream.requestedLastEventIds.push(entry.lastEventId);
      await run(entry.statusHandlers, { state: 'open', reconnected: true });
    },
  };
  return { eventStreams, peer };
}
