/** A subscriber; may return a promise, which is not awaited (handlers can overlap). */
export type Listener = (payload: never) => void | Promise<void>;

/**
 * Delivers events to subscribers on a later turn of the event loop, in the order they happened.
 * Deferring keeps handler code out of socket callbacks and lets a plugin subscribe right after
 * `connect()` resolves without missing what arrived in between. A handler that throws or rejects
 * is reported to `onHandlerError` and does not affect the others.
 *
 * @example
 * const events = new DeferredDispatcher((name, error) => logger.warn('handler failed', { name }));
 * events.on('open', () => ready());
 * events.emit('open', {});
 */
export class DeferredDispatcher {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void | Promise<void>>>();
  private readonly queue: Array<{ name: string; payload: unknown }> = [];
  private scheduled: NodeJS.Immediate | null = null;
  private disposed = false;

  constructor(private readonly onHandlerError: (name: string, error: unknown) => void) {}

  /** Adds a listener; the returned function removes it (twice is harmless). */
  on(name: string, listener: (payload: never) => void | Promise<void>): () => void {
    const entry = listener as (payload: unknown) => void | Promise<void>;
    let set = this.listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(entry);
    return () => {
      this.listeners.get(name)?.delete(entry);
    };
  }

  /** Queues an event; listeners run on a later turn. Ignored once disposed. */
  emit(name: string, payload: unknown): void {
    if (this.disposed) return;
    this.queue.push({ name, payload });
    this.scheduled ??= setImmediate(() => this.drain());
  }

  /** Delivers what is queued, then drops every listener; later emits are ignored. */
  dispose(): void {
    this.disposed = true;
    if (this.scheduled === null) this.listeners.clear();
  }

  private drain(): void {
    this.scheduled = null;
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      for (const listener of [...(this.listeners.get(next.name) ?? [])]) this.invoke(next.name, listener, next.payload);
    }
    if (this.disposed) this.listeners.clear();
  }

  private invoke(name: string, listener: (payload: unknown) => void | Promise<void>, payload: unknown): void {
    try {
      const result = listener(payload);
      if (result instanceof Promise) result.catch((error: unknown) => this.onHandlerError(name, error));
    } catch (error) {
      this.onHandlerError(name, error);
    }
  }
}
