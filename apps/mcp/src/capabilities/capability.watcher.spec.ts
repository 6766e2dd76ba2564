import { PassThrough } from 'node:stream';
import type { CapabilitiesResponse } from '@faxbot/api-client';
import { createStderrLogger } from '../logging/stderr.logger';
import { capabilitiesWith, FAX_ONLY } from './capability.test-helpers';
import { CapabilityWatcher } from './capability.watcher';

function logged(): { logger: ReturnType<typeof createStderrLogger>; lines: () => Array<Record<string, unknown>> } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += String(chunk)));
  return { logger: createStderrLogger({ level: 'debug', stream }), lines: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

// The API as a queue of answers: each poll takes the next (an Error is thrown).
function answers(...queue: Array<CapabilitiesResponse | Error>): () => Promise<CapabilitiesResponse> {
  return async () => {
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (next instanceof Error) throw next;
    return next as CapabilitiesResponse;
  };
}

describe('CapabilityWatcher', () => {
  it('tells subscribers about the first snapshot and about changes only', async () => {
    const { logger } = logged();
    const watcher = new CapabilityWatcher({ read: answers(FAX_ONLY, FAX_ONLY, capabilitiesWith('messaging', ['send_message'])), intervalMs: 60_000, logger });
    const seen: string[][] = [];
    watcher.subscribe((snapshot) => seen.push([...snapshot].sort()));
    await watcher.poll();
    await watcher.poll();
    await watcher.poll();
    expect(seen).toEqual([['outbound/get_status', 'outbound/send'], ['messaging/send_message', 'outbound/get_status', 'outbound/send']]);
    expect(watcher.current()?.has('messaging/send_message')).toBe(true);
  });

  it('keeps the last snapshot when a poll fails, warns once per outage and says when it recovers', async () => {
    const { logger, lines } = logged();
    const failure = Object.assign(new Error('Cannot reach the Faxbot API (ECONNREFUSED)'), { code: 'NETWORK' });
    const watcher = new CapabilityWatcher({ read: answers(capabilitiesWith('messaging', ['send_message']), failure, failure, capabilitiesWith('messaging', ['send_message'])), intervalMs: 60_000, logger });
    const seen: number[] = [];
    watcher.subscribe((snapshot) => seen.push(snapshot.size));
    for (let poll = 0; poll < 4; poll += 1) await watcher.poll();
    expect(seen).toEqual([3]);
    expect(watcher.current()?.has('messaging/send_message')).toBe(true);
    const failures = lines().filter((line) => line['msg'] === 'capability poll failed; tools unchanged');
    expect(failures.map((line) => line['level'])).toEqual(['warn', 'debug']);
    expect(failures[0]).toMatchObject({ errorName: 'Error', code: 'NETWORK' });
    expect(lines().some((line) => line['msg'] === 'capability poll recovered')).toBe(true);
  });

  it('joins a poll already in flight instead of starting another', async () => {
    const { logger } = logged();
    let reads = 0;
    const watcher = new CapabilityWatcher({ read: async () => (reads += 1, FAX_ONLY), intervalMs: 60_000, logger });
    await Promise.all([watcher.poll(), watcher.poll(), watcher.poll()]);
    expect(reads).toBe(1);
  });

  it('polls on start and on its interval until stopped, then tells nobody', async () => {
    const { logger } = logged();
    let reads = 0;
    const watcher = new CapabilityWatcher({ read: async () => (reads += 1, reads > 2 ? capabilitiesWith('messaging', ['send_message']) : FAX_ONLY), intervalMs: 20, logger });
    const seen: number[] = [];
    watcher.subscribe((snapshot) => seen.push(snapshot.size));
    watcher.start();
    const deadline = Date.now() + 5_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([2, 3]);
    await watcher.stop();
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reads).toBe(after);
  });

  it('survives a listener that throws', async () => {
    const { logger, lines } = logged();
    const watcher = new CapabilityWatcher({ read: answers(FAX_ONLY), intervalMs: 60_000, logger });
    const seen: number[] = [];
    watcher.subscribe(() => {
      throw new Error('listener broke');
    });
    watcher.subscribe((snapshot) => seen.push(snapshot.size));
    await watcher.poll();
    expect(seen).toEqual([2]);
    expect(lines().some((line) => line['msg'] === 'capability listener failed')).toBe(true);
  });
});
