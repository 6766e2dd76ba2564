import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttemptCounterStore } from './attempt-counter.store';

describe('AttemptCounterStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-attempts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts per job and remembers across store instances', async () => {
    const store = new AttemptCounterStore(join(dir, 'attempts'));
    expect(await store.count('job-1')).toBe(0);
    expect(await store.increment('job-1')).toBe(1);
    expect(await store.increment('job-1')).toBe(2);
    expect(await store.increment('job-2')).toBe(1);

    expect(await new AttemptCounterStore(join(dir, 'attempts')).count('job-1')).toBe(2);
  });

  it('keeps odd job ids out of the path', async () => {
    const store = new AttemptCounterStore(join(dir, 'attempts'));
    await store.increment('../../escape');
    expect(readdirSync(join(dir, 'attempts'))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.json$/)]);
  });
});
