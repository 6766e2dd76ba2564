import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDeps } from '@faxbot/plugin-sdk/testing';
import { FaxCallTracker } from './fax-call-tracker';
import type { FaxCall, FaxJobRecord } from './fax-job-record';
import { FaxJobStore } from './fax-job.store';

const root = mkdtempSync(join(tmpdir(), 'sip-tracker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const call = (callId: string, overrides: Partial<FaxCall> = {}): FaxCall => ({ callId, idempotencyKey: callId, faxFile: '/f.tiff', sentAt: 0, ack: 'queued', seen: false, ...overrides });

async function tracked(record: Omit<FaxJobRecord, 'version' | 'destination' | 'updatedAt' | 'status'> & Partial<FaxJobRecord>) {
  const store = new FaxJobStore(join(root, record.jobId));
  await store.ensure();
  await store.update(record.jobId, () => ({ version: 1, destination: '***0101', status: 'in_progress', updatedAt: 0, ...record }));
  const deps = createTestDeps({ pluginId: 'sip' });
  return { store, deps, tracker: new FaxCallTracker(store, deps.logger, deps.faxStatus) };
}

describe('FaxCallTracker', () => {
  it('ignores a failure of an older call once a newer one is live', async () => {
    const { tracker, store, deps } = await tracked({ jobId: 'j1', calls: [call('faxbot-j1-00000001'), call('faxbot-j1-00000002')] });
    await tracker.handle({ event: 'OriginateResponse', actionid: 'faxbot-j1-00000001', response: 'Failure', reason: '5' });
    await tracker.handle({ event: 'Hangup', uniqueid: 'faxbot-j1-00000001', cause: '17' });
    expect((await store.get('j1'))?.status).toBe('in_progress');
    expect(deps.reportedStatuses).toEqual([]);
  });

  it('turns a failure during a requested cancel into cancelled', async () => {
    const { tracker, deps } = await tracked({ jobId: 'j2', calls: [call('faxbot-j2-00000001')], cancelRequested: true });
    await tracker.handle({ event: 'Hangup', linkedid: 'faxbot-j2-00000001', uniqueid: '1767225600.7', cause: '16' });
    expect(deps.reportedStatuses).toEqual([{ providerSid: 'j2', status: 'cancelled', pages: 0, error: 'asterisk: cancelled' }]);
  });

  it('lets a success that beat the cancel stand', async () => {
    const { tracker, deps } = await tracked({ jobId: 'j3', documentPages: 2, calls: [call('faxbot-j3-00000001')], cancelRequested: true });
    await tracker.handle({ event: 'UserEvent', userevent: 'FaxResult', jobid: 'j3', status: 'SUCCESS', error: '', pages: '2' });
    expect(deps.reportedStatuses).toEqual([{ providerSid: 'j3', status: 'SUCCESS', pages: 2 }]);
  });

  it('reports once, however many final events follow', async () => {
    const { tracker, deps } = await tracked({ jobId: 'j4', calls: [call('faxbot-j4-00000001')] });
    await Promise.all([
      tracker.handle({ event: 'UserEvent', userevent: 'FaxResult', jobid: 'j4', status: 'FAILED', error: 'BUSY' }),
      tracker.handle({ event: 'OriginateResponse', actionid: 'faxbot-j4-00000001', response: 'Failure', reason: '5' }),
      tracker.handle({ event: 'Hangup', uniqueid: 'faxbot-j4-00000001', cause: '17' }),
    ]);
    expect(deps.reportedStatuses).toEqual([{ providerSid: 'j4', status: 'FAILED', pages: 0, errorCode: 'LINE_BUSY', error: 'asterisk: line busy' }]);
  });

  it('ignores events of jobs and channels it does not know', async () => {
    const { tracker, deps } = await tracked({ jobId: 'j5', calls: [call('faxbot-j5-00000001')] });
    await tracker.handle({ event: 'UserEvent', userevent: 'FaxResult', jobid: 'unknown-job', status: 'SUCCESS' });
    await tracker.handle({ event: 'UserEvent', userevent: 'FaxResult', jobid: '../j5', status: 'SUCCESS' });
    await tracker.handle({ event: 'Hangup', uniqueid: '1767225600.1', linkedid: '1767225600.1', cause: '16' });
    await tracker.handle({ event: 'Newchannel', uniqueid: 'faxbot-j5-00000001' });
    expect(deps.reportedStatuses).toEqual([]);
  });
});
