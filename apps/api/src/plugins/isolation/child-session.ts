import type { EventHandler, FaxbotEvent, FaxStatusReporter, PluginEvents, PluginLogger, Unsubscribe } from '@faxbot/plugin-sdk';
import type { ChildHandle } from './child-handle';
import type { ChildMessage, DocumentRequest, HostMessage, LogLevel, PluginMethod, RunnerInit, ServiceRequest } from './isolation-messages';
import { fromWireError, toWireError } from './wire-error';

function required<T>(handler: T | undefined, what: string): T {
  if (handler === undefined) throw new Error(`${what} are not available to this isolated plugin`);
  return handler;
}

/** Host services a child reaches through messages, besides the logger and the events. */
export interface ChildServices {
  /** The instance's `deps.faxStatus` on the host. */
  faxStatus?: FaxStatusReporter;
  /** Answers a child's request about a document of a send in flight. */
  documentRequest?: (request: DocumentRequest) => Promise<unknown>;
  /** Answers a child's call of a host service (`deps.storage`, …). */
  serviceRequest?: (request: ServiceRequest) => Promise<unknown>;
  /** Publishes a `transport.*` event the child's own transports emitted (checked by the receiver). */
  transportEvent?: (eventType: string, payload: unknown) => void;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  cleanup(): void;
}

/** Options of one call into the child. */
export interface CallOptions {
  timeoutMs: number;
  /** Aborting it sends an abort message; the child aborts the signal it gave the plugin. */
  signal?: AbortSignal;
}

/**
 * Request/response over one child (a worker or a process) for its whole life: numbered calls with
 * a timeout each, abort forwarding, log lines relayed to the host logger. When the child ends,
 * every pending call is rejected with a plain Error: the host cannot know what the plugin did.
 */
export class ChildSession {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private killReason: string | null = null;
  private closing = false;
  private methodSet: ReadonlySet<PluginMethod> = new Set();
  /** Host-side subscriptions the child asked for, by event name; ended with the child. */
  private readonly subscriptions = new Map<string, Unsubscribe>();
  /** Resolves with the end reason once the child has ended. */
  readonly ended: Promise<string>;

  constructor(
    readonly handle: ChildHandle,
    private readonly logger: () => PluginLogger,
    onEnd: (session: ChildSession, reason: string, intentional: boolean) => void,
    /** The instance's `deps.events` on the host; the child's `on`/`emit` are relayed to it. */
    private readonly events: () => PluginEvents | undefined = () => undefined,
    private readonly services: () => ChildServices = () => ({}),
  ) {
    handle.onMessage((message) => this.receive(message));
    this.ended = new Promise((resolve) => {
      handle.onExit((description) => {
        const reason = this.killReason ?? description;
        const settle = this.closing ? 'plugin process stopped' : 'plugin process crashed';
        for (const [id, call] of this.pending) this.settle(id, call, () => call.reject(new Error(`${settle}: ${reason}`)));
        for (const unsubscribe of this.subscriptions.values()) unsubscribe();
        this.subscriptions.clear();
        onEnd(this, reason, this.closing);
        resolve(reason);
      });
    });
  }

  /** Methods the loaded plugin implements (known after {@link init}). */
  get methods(): ReadonlySet<PluginMethod> {
    return this.methodSet;
  }

  /** True once the child is being killed or closed: new calls would not reach a working plugin. */
  get ending(): boolean {
    return this.killReason !== null || this.closing;
  }

  /** Loads the plugin's entry in the child. */
  async init(init: RunnerInit, timeoutMs: number): Promise<void> {
    const id = this.nextId++;
    const methods = await this.request<PluginMethod[]>({ type: 'init', id, ...init }, 'init', { timeoutMs });
    this.methodSet = new Set(methods);
  }

  /** Calls a plugin method in the child. */
  call<T>(method: PluginMethod, args: unknown[], options: CallOptions): Promise<T> {
    const id = this.nextId++;
    return this.request<T>({ type: 'call', id, method, args, aborted: options.signal?.aborted === true }, method, options);
  }

  /** Lets the plugin stop (when asked), then ends the child; kills it once `graceMs` have passed in all. */
  async close(graceMs: number, stopPlugin: boolean): Promise<void> {
    const deadline = Date.now() + graceMs;
    this.closing = true;
    if (stopPlugin) {
      await this.call('stop', [], { timeoutMs: graceMs }).catch((error: unknown) => {
        this.logger().warn('isolated plugin did not stop cleanly', { reason: error instanceof Error ? error.message : String(error) });
      });
    }
    this.handle.post({ type: 'shutdown' });
    // An orderly exit takes milliseconds; a plugin that used up the grace period in stop() gets a short one.
    const timer = setTimeout(() => this.handle.kill(), Math.max(50, deadline - Date.now()));
    await this.ended;
    clearTimeout(timer);
  }

  /** Ends the child at once; `reason` becomes the end reason. */
  kill(reason: string): void {
    this.killReason ??= reason;
    this.handle.kill();
  }

  private request<T>(message: HostMessage & { id: number }, what: string, options: CallOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { id } = message;
      const onAbort = (): void => void this.handle.post({ type: 'abort', id });
      const timer = setTimeout(() => {
        const call = this.pending.get(id);
        if (call === undefined) return;
        this.settle(id, call, () => call.reject(new Error(`plugin call ${what} timed out after ${options.timeoutMs} ms`)));
        // A hung plugin keeps hanging: end the child so it is restarted.
        this.kill(`${what} timed out after ${options.timeoutMs} ms`);
      }, options.timeoutMs);
      const cleanup = (): void => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, cleanup });
      if (options.signal !== undefined && !options.signal.aborted) options.signal.addEventListener('abort', onAbort, { once: true });
      try {
        if (!this.handle.post(message)) this.fail(id, new Error(`plugin process crashed: not running`));
      } catch (error) {
        this.fail(id, new Error(`${what}: arguments cannot be sent to the plugin: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  private fail(id: number, error: Error): void {
    const call = this.pending.get(id);
    if (call !== undefined) this.settle(id, call, () => call.reject(error));
  }

  private settle(id: number, call: PendingCall, outcome: () => void): void {
    this.pending.delete(id);
    clearTimeout(call.timer);
    call.cleanup();
    outcome();
  }

  /** Carries the child's event calls to the host's bus; events it subscribed to go back as messages. */
  private relayEvents(message: Extract<ChildMessage, { type: 'subscribe' | 'unsubscribe' | 'emit' }>): void {
    const events = this.events();
    const eventType = String(message.eventType);
    if (message.type === 'unsubscribe') {
      this.subscriptions.get(eventType)?.();
      this.subscriptions.delete(eventType);
      return;
    }
    if (events === undefined) {
      this.logger().warn('events are not available to this isolated plugin', { eventType });
      return;
    }
    try {
      if (message.type === 'emit') {
        events.emit(eventType as `${string}.${string}`, message.payload as Record<string, string>);
      } else if (!this.subscriptions.has(eventType) && !this.ending) {
        const forward: EventHandler = (event: FaxbotEvent) => {
          if (!this.ending) this.handle.post({ type: 'event', event });
        };
        this.subscriptions.set(eventType, (events.on as (type: string, handler: EventHandler) => Unsubscribe)(eventType, forward));
      }
    } catch (error) {
      this.logger().warn(`isolated plugin ${message.type} refused`, { eventType, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Answers a child's request; the child waits for the reply, so one always goes back. */
  private async answer(request: DocumentRequest | ServiceRequest): Promise<void> {
    const services = this.services();
    try {
      const value = request.type === 'request' ? await required(services.documentRequest, 'document requests')(request) : await required(services.serviceRequest, 'host services')(request);
      if (!this.ending) this.handle.post({ type: 'reply', id: request.id, ok: true, value });
    } catch (error) {
      if (!this.ending) this.handle.post({ type: 'reply', id: request.id, ok: false, error: toWireError(error) });
    }
  }

  private receive(message: ChildMessage): void {
    if (message.type === 'log') {
      const level = LOG_LEVELS.includes(message.level) ? message.level : 'info';
      this.logger()[level](String(message.message), message.fields);
      return;
    }
    if (message.type === 'subscribe' || message.type === 'unsubscribe' || message.type === 'emit') {
      this.relayEvents(message);
      return;
    }
    if (message.type === 'transport') {
      const publish = this.services().transportEvent;
      if (publish === undefined) this.logger().warn('transport events are not available to this isolated plugin', { eventType: String(message.eventType) });
      else publish(String(message.eventType), message.payload);
      return;
    }
    if (message.type === 'status') {
      const reporter = this.services().faxStatus;
      if (reporter === undefined) this.logger().warn('status reports are not available to this isolated plugin');
      else reporter.report(message.update as Parameters<FaxStatusReporter['report']>[0]).catch((error: unknown) => this.logger().error('status report could not be applied', { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (message.type === 'request' || message.type === 'service') {
      void this.answer(message);
      return;
    }
    const call = this.pending.get(message.id);
    if (call === undefined) return;
    if (message.ok) this.settle(message.id, call, () => call.resolve(message.value));
    else this.settle(message.id, call, () => call.reject(fromWireError(message.error)));
  }
}
