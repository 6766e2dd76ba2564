import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SentFaxStore } from './sent-fax.store';

describe('SentFaxStore', () => {
  it('remembers a fax per key across store objects, named by hash, without temp files left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sinch-store-'));
    const store = new SentFaxStore(dataDir);
    await store.open();
    expect(await store.find('job-1-1')).toBeNull();
    await store.remember('job-1-1', { providerSid: 'f-1', jobId: 'job-1', acceptedAt: '2024-01-01T00:00:00.000Z' });
    const reopened = new SentFaxStore(dataDir);
    await reopened.open();
    expect(await reopened.find('job-1-1')).toEqual({ providerSid: 'f-1', jobId: 'job-1', acceptedAt: '2024-01-01T00:00:00.000Z' });
    expect(await reopened.find('job-1-2')).toBeNull();
    const files = readdirSync(join(dataDir, 'sent-faxes'));
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
    expect(readFileSync(join(dataDir, 'sent-faxes', files[0] as string), 'utf8')).not.toContain('job-1-1');
  });
});
