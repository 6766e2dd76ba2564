import { inject, injectable } from 'inversify';
import type { Database } from '@faxbot/db';
import type { DocumentStorage } from '@faxbot/storage';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { API_TOKENS } from '../tokens';

/** What one sweep deleted. */
export interface SweepResult {
  outbound: number;
  inbound: number;
  tokens: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;

/**
 * Deletes documents that are due, each setting on its own (the original ran inbound retention only
 * when the outbound TTL was set): outbound documents of finished jobs older than
 * `ARTIFACT_TTL_DAYS`, and received documents past their retention date (`INBOUND_RETENTION_DAYS`
 * at receipt). Rows stay, marked as having no document; each deletion is audited; expired document
 * tokens are dropped. Runs every `CLEANUP_INTERVAL_MINUTES`.
 */
@injectable()
export class RetentionSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.DocumentStorage) private readonly storage: DocumentStorage,
    @inject(EventBus) private readonly events: EventBus,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'retention sweep failed')), this.config.retention.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep now; a sweep already running is joined, not repeated. */
  sweep(now = new Date()): Promise<SweepResult> {
    this.running ??= this.sweepOnce(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepOnce(now: Date): Promise<SweepResult> {
    const result: SweepResult = { outbound: await this.sweepOutbound(now), inbound: await this.sweepInbound(now), tokens: await this.db.documentTokens.deleteExpired(now) };
    if (result.outbound + result.inbound + result.tokens > 0) this.logger.info({ event: 'retention.sweep', ...result }, 'retention sweep deleted documents');
    return result;
  }

  private async sweepOutbound(now: Date): Promise<number> {
    const days = this.config.retention.artifactTtlDays;
    if (days === 0) return 0;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let deleted = 0;
    for (;;) {
      const due = await this.db.jobs.findFinishedBefore(cutoff, BATCH);
      if (due.length === 0) return deleted;
      for (const job of due) {
        await this.storage.delete(job.documentKey);
        await this.db.jobs.markDocumentDeleted(job.id, now);
        await this.db.documentTokens.deleteForSubject('fax', job.id);
        this.logger.info({ event: 'retention.outbound_deleted', jobId: job.id }, 'outbound document deleted by retention');
        this.events.emit('storage.file_deleted', { key: job.documentKey });
        deleted += 1;
      }
    }
  }

  private async sweepInbound(now: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const due = await this.db.inbound.dueForRetention(now, BATCH);
      if (due.length === 0) return deleted;
      for (const fax of due) {
        if (fax.documentKey !== null) {
          await this.storage.delete(fax.documentKey);
          this.events.emit('storage.file_deleted', { key: fax.documentKey });
        }
        await this.db.inbound.markDocumentDeleted(fax.id, now);
        await this.db.documentTokens.deleteForSubject('inbound', fax.id);
        this.logger.info({ event: 'retention.inbound_deleted', inboundId: fax.id }, 'inbound document deleted by retention');
        deleted += 1;
      }
    }
  }
}
