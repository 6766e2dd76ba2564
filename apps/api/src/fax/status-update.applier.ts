import { inject, injectable } from 'inversify';
import type { Database } from '@faxbot/db';
import { FAX_STATUSES, type ProviderFaxStatus, type StatusUpdate } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import { API_TOKENS } from '../tokens';
import { FaxStatusRecorder, type StatusSource } from './fax-status.recorder';

/** Outcome of applying a batch of status updates. */
export interface AppliedUpdates {
  applied: number;
  unmatched: number;
  invalid: number;
}

const PROVIDER_STATUSES: readonly string[] = FAX_STATUSES.filter((status) => status !== 'queued');

/** Checks one update from a plugin; plugin output is untrusted input to the status machine. */
export function asStatusUpdate(value: unknown): StatusUpdate | null {
  if (typeof value !== 'object' || value === null) return null;
  const { providerSid, status, pages, errorCode, error } = value as Record<string, unknown>;
  if (typeof providerSid !== 'string' || providerSid === '' || providerSid.length > 200) return null;
  if (typeof status !== 'string' || !PROVIDER_STATUSES.includes(status)) return null;
  if (pages !== undefined && pages !== null && (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 0)) return null;
  if (errorCode !== undefined && errorCode !== null && (typeof errorCode !== 'string' || errorCode.length > 100)) return null;
  if (error !== undefined && error !== null && typeof error !== 'string') return null;
  return {
    providerSid,
    status: status as ProviderFaxStatus,
    ...(typeof pages === 'number' ? { pages } : {}),
    ...(typeof errorCode === 'string' ? { errorCode } : {}),
    ...(typeof error === 'string' ? { error: error.slice(0, 500) } : {}),
  };
}

/**
 * Applies status updates a plugin instance reports — from a webhook it verified, or pushed through
 * `deps.faxStatus` — to that instance's jobs, matched by provider id, through the forward-only
 * recorder. Duplicates and late reports change nothing; updates for faxes the instance has no job
 * for are counted and logged, never applied elsewhere.
 */
@injectable()
export class StatusUpdateApplier {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
    @inject(FaxStatusRecorder) private readonly status: FaxStatusRecorder,
  ) {}

  async apply(instanceId: string, updates: unknown, source: StatusSource): Promise<AppliedUpdates> {
    const outcome: AppliedUpdates = { applied: 0, unmatched: 0, invalid: 0 };
    if (updates === undefined || updates === null) return outcome;
    if (!Array.isArray(updates)) {
      this.logger.warn({ instance: instanceId, source }, 'status updates ignored: not an array');
      return outcome;
    }
    for (const raw of updates) {
      const update = asStatusUpdate(raw);
      if (update === null) {
        outcome.invalid += 1;
        continue;
      }
      const job = await this.db.jobs.findByProviderSid(instanceId, update.providerSid);
      if (job === null) {
        outcome.unmatched += 1;
        this.logger.info({ instance: instanceId, source }, 'status update for a fax this instance has no job for');
        continue;
      }
      const { providerSid, ...report } = update;
      await this.status.record(job, providerSid, report, source);
      outcome.applied += 1;
    }
    if (outcome.invalid > 0) this.logger.warn({ instance: instanceId, source, invalid: outcome.invalid }, 'status updates ignored: not valid status updates');
    return outcome;
  }
}
