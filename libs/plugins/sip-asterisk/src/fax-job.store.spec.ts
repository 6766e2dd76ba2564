import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaxJobRecord } from './fax-job-record';
import { FaxJobStore } from './fax-job.store';

const dir = mkdtempSync(join(tmpdir(), 'sip-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: FaxJobRecord = { version: 1, jobId: 'job-a', destination: '***0101', calls: [], status: 'in_progress', updatedAt: 0 };

describe('FaxJobStore', () => {
  it('keeps records on disk, owner-only, for a new store on the same folder', async () => {
    const store = new FaxJobStore(dir);
    await store.ensure();
    await store.update('job-a', () => base);
    expect(statSync(join(dir, 'jobs', 'job-a.json')).mode & 0o777).toBe(0o600);
    expect(await new FaxJobStore(dir).get('job-a')).toEqual(base);
  });

  it('serialises concurrent updates of one job so none is lost', async () => {
    const store = new FaxJobStore(dir);
    await store.ensure();
    await store.update('job-b', () => ({ ...base, jobId: 'job-b', updatedAt: 0 }));
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update('job-b', (current) => (current === undefined ? undefined : { ...current, updatedAt: current.updatedAt + 1 })),
      ),
    );
    expect((await new FaxJobStore(dir).get('job-b'))?.updatedAt).toBe(20);
  });

  it('reads a call left pending by a stopped process as unconfirmed', async () => {
    const record = { ...base, jobId: 'job-c', calls: [{ callId: 'faxbot-job-c-00000001', idempotencyKey: 'k', faxFile: '/f', sentAt: 1, ack: 'pending', seen: false }] };
    writeFileSync(join(dir, 'jobs', 'job-c.json'), JSON.stringify(record));
    expect((await new FaxJobStore(dir).get('job-c'))?.calls[0]?.ack).toBe('unconfirmed');
  });

  it('remembers keys under a hash of the key', async () => {
    const store = new FaxJobStore(dir);
    await store.ensure();
    expect(await store.keyRecord('../../odd key/é')).toBeUndefined();
    await store.rememberKey('../../odd key/é', { version: 1, jobId: 'job-a', callId: 'faxbot-job-a-00000001' });
    expect(await new FaxJobStore(dir).keyRecord('../../odd key/é')).toEqual({ version: 1, jobId: 'job-a', callId: 'faxbot-job-a-00000001' });
    expect(readFileSync(join(dir, 'jobs', 'job-a.json'), 'utf8')).not.toContain('odd key');
  });
});
