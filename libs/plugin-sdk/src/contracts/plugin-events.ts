import type { CoreEventMap, CoreEventType } from './event-catalogue';

/** A value a custom event's payload may hold: flat, JSON-safe metadata. */
export type EventValue = string | number | boolean | null;

/**
 * Payload of a plugin's own event: a flat object of ids and non-PHI metadata (at most 32 keys;
 * strings up to 1000 characters). Keys named like PHI (`to`, `from`, `number`, `document`,
 * `fileName`, `body`, …) or secrets (`token`, `password`, `signature`, …) are refused.
 */
export type CustomEventPayload = Readonly<Record<string, EventValue>>;

/** Name of a plugin's own event: `<pluginId>.<name>`, e.g. `acme.callback_verified`. */
export type CustomEventType = `${string}.${string}`;

/** The payload type of an event name: the catalogue's for core events, else {@link CustomEventPayload}. */
export type EventPayload<T extends string> = T extends CoreEventType ? Readonly<CoreEventMap[T]> : CustomEventPayload;

/** One event as handlers and the `GET /events` stream see it. */
export interface FaxbotEvent<T extends string = string> {
  /** Sequence number within this gateway process (also the SSE `id`). */
  readonly id: number;
  readonly type: T;
  /** When it was emitted, ISO-8601. */
  readonly time: string;
  /** `core` for host events; the emitting instance's id for a plugin's own events. */
  readonly source: string;
  readonly payload: EventPayload<T>;
}

/**
 * Receives one event. Handlers run after `emit` has returned, never inside it; a handler that
 * throws, rejects or never settles is logged against its plugin and does not affect others.
 */
export type EventHandler<T extends string = string> = (event: FaxbotEvent<T>) => void | Promise<void>;

/** Ends a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * The event bus as one plugin instance sees it (`deps.events`). Delivery is in-process and at most
 * once: there is no replay for a plugin that was not running. Subscriptions end when the instance
 * stops, so subscribe in `start()`.
 *
 * @example
 * async start(config, deps) {
 *   deps.events.on('job.failed', (event) => this.alert(event.payload.jobId, event.payload.errorCode));
 *   deps.events.emit('acme.session_opened', { region: config.region });
 * }
 */
export interface PluginEvents {
  /** Subscribes to a core event (typed payload) or to a plugin's own event, by exact name. */
  on<T extends CoreEventType>(type: T, handler: EventHandler<T>): Unsubscribe;
  on(type: CustomEventType, handler: EventHandler): Unsubscribe;
  /**
   * Emits one of this plugin's own events, named `<pluginId>.<name>`. Core events are emitted by
   * the host only. Throws `FaxbotError('NOT_SUPPORTED')` for another namespace or a payload that
   * is not flat non-PHI metadata (see {@link checkCustomEvent}).
   */
  emit(type: CustomEventType, payload: CustomEventPayload): void;
}
