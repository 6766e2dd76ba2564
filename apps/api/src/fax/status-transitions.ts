import type { FaxStatus } from '@faxbot/plugin-sdk';

// Statuses only move forward: queued → in_progress → final. A late or duplicate report can
// therefore never undo a final outcome. (The worker alone may put a job it took for sending back
// to queued when the provider confirmed it did not take the fax: FaxStatusRecorder.requeue.)
const ALLOWED_FROM: Record<FaxStatus, FaxStatus[]> = {
  queued: [],
  in_progress: ['queued'],
  SUCCESS: ['queued', 'in_progress'],
  FAILED: ['queued', 'in_progress'],
  cancelled: ['queued', 'in_progress'],
};

/** Statuses from which a job may move to `to`. */
export function allowedPredecessors(to: FaxStatus): FaxStatus[] {
  return ALLOWED_FROM[to];
}
