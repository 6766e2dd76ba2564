import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendAttemptJournal } from './send-attempt.journal';

describe('SendAttemptJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'phaxio-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers keys across instances on the same directory, without storing them in clear', async () => {
    const first = new SendAttemptJournal(join(dir, 'attempts'));
    expect(await first.wasAttempted('job-1-1')).toBe(false);
    await first.markAttempted('job-1-1');
    const second = new SendAttemptJournal(join(dir, 'attempts'));
    expect(await second.wasAttempted('job-1-1')).toBe(true);
    expect(await second.wasAttempted('job-1-2')).toBe(false);
    expect(readdirSync(join(dir, 'attempts')).join()).not.toContain('job');
  });

  it('prunes old records only', async () => {
    const journal = new SendAttemptJournal(join(dir, 'attempts'));
    await journal.markAttempted('old');
    const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    for (const name of readdirSync(join(dir, 'attempts'))) utimesSync(join(dir, 'attempts', name), longAgo, longAgo);
    await journal.markAttempted('new');
    expect(await journal.prune(30 * 24 * 3600 * 1000)).toBe(1);
    expect(await journal.wasAttempted('old')).toBe(false);
    expect(await journal.wasAttempted('new')).toBe(true);
    expect(await new SendAttemptJournal(join(dir, 'missing')).prune(1)).toBe(0);
  });
});
