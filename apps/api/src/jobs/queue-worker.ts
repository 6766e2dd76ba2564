import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inject, injectable } from 'inversify';
import type { Database, QueueTask } from '@faxbot/db';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { FaxDispatcher } from '../fax/fax-dispatcher';
import { FAX_QUEUE } from '../fax/fax-queue';
import { API_TOKENS } from '../tokens';

/**
 * Claims fax tasks from the durable queue and runs them through the dispatcher, `concurrency`
 * at a time. Leases are renewed while a task runs; if this process dies, the lease runs out and
 * any worker (this one after a restart, or another process) picks the task up again.
 */
@injectable()
export class QueueWorker {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private controller = new AbortController();
  private loops: Promise<void>[] = [];
  private sleepers = new Set<() => void>();

  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(FaxDispatcher) private readonly dispatcher: FaxDispatcher,
  ) {}

  get running(): boolean {
    return this.loops.length > 0;
  }

  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    for (let slot = 0; slot < this.config.worker.concurrency; slot += 1) this.loops.push(this.loop());
    this.logger.info({ concurrency: this.config.worker.concurrency }, 'queue worker started');
  }

  /** Ends the loops; a send in flight gets an aborted signal and its outcome is settled later. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Cuts an idle wait short, e.g. right after a job was queued. */
  wake(): void {
    for (const resolve of this.sleepers) resolve();
    this.sleepers.clear();
  }

  private async loop(): Promise<void> {
    const { signal } = this.controller;
    while (!signal.aborted) {
      let task: QueueTask | null = null;
      try {
        task = await this.db.queue.claim(FAX_QUEUE, { owner: this.owner, leaseMs: this.config.worker.leaseMs });
      } catch (error) {
        this.logger.error({ err: error }, 'queue claim failed');
      }
      if (task === null) await this.idle();
      else await this.run(task, signal);
    }
  }

  private async run(task: QueueTask, signal: AbortSignal): Promise<void> {
    const { leaseMs } = this.config.worker;
    const heartbeat = setInterval(() => {
      this.db.queue.extendLease(task.id, this.owner, leaseMs).catch((error: unknown) => this.logger.warn({ err: error }, 'lease renewal failed'));
    }, Math.max(100, Math.floor(leaseMs / 3)));
    try {
      const outcome = await this.dispatcher.handle(task, signal);
      if (outcome.kind === 'complete') await this.db.queue.complete(task.id, this.owner);
      else await this.db.queue.reschedule(task.id, this.owner, { runAt: outcome.runAt, error: outcome.error ?? null });
    } catch (error) {
      // A database hiccup: leave the task to be retried shortly rather than dropping it.
      this.logger.error({ err: error, taskId: task.id }, 'fax task failed unexpectedly');
      await this.db.queue
        .reschedule(task.id, this.owner, { runAt: new Date(Date.now() + this.config.worker.idlePollMs), error: 'internal error' })
        .catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async idle(): Promise<void> {
    let waitMs = this.config.worker.idlePollMs;
    try {
      const next = await this.db.queue.nextRunAt(FAX_QUEUE);
      if (next !== null) waitMs = Math.max(10, Math.min(waitMs, next.getTime() - Date.now()));
    } catch {
      // fall back to the idle poll interval
    }
    if (this.controller.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.sleepers.add(done);
    });
  }
}
