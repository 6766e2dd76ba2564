import { Writable } from 'node:stream';
import { createLogger } from '@faxbot/audit';
import type { FaxbotEvent } from '@faxbot/plugin-sdk';
import { EventBus } from './event-bus';

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger({ level: 'debug', destination }),
    lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

// Deliveries run on setImmediate; two more turns of the check phase see them (and their rejections) done.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const acme = { name: 'plugin:acme-b', pluginId: 'acme', instanceId: 'acme-b' };
const completed = { jobId: 'j1', backend: 'loopback', status: 'SUCCESS', errorCode: null, pages: 1 } as const;

describe('EventBus', () => {
  it('returns from emit before any handler runs, then calls each matching handler once', async () => {
    const { logger } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
    const calls: string[] = [];
    bus.subscribe('job.completed', () => void calls.push('exact'), { name: 'a' });
    bus.subscribe('job.*', () => void calls.push('prefix'), { name: 'b' });
    bus.subscribe('*', () => void calls.push('all'), { name: 'c' });
    bus.subscribe('job.failed', () => void calls.push('other'), { name: 'd' });
    const event = bus.emit('job.completed', completed);
    calls.push('emit returned');
    await settle();
    expect(calls).toEqual(['emit returned', 'exact', 'prefix', 'all']);
    expect(event).toMatchObject({ id: 1, type: 'job.completed', source: 'core', payload: completed });
    expect(Object.isFrozen(event?.payload)).toBe(true);
  });

  it.each([
    ['throws', () => { throw new Error('boom 5551234567'); }, 'threw'],
    ['rejects', async () => { throw new Error('async boom'); }, 'rejected'],
  ])('isolates a handler that %s, keeps calling the others, and logs it against its plugin', async (_case, broken, outcome) => {
    const { logger, lines } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
    const seen: number[] = [];
    bus.subscribe('job.completed', broken, acme);
    bus.subscribe('job.completed', (event) => void seen.push(event.id), { name: 'healthy' });
    expect(() => bus.emit('job.completed', completed)).not.toThrow();
    bus.emit('job.completed', completed);
    await settle();
    expect(seen).toEqual([1, 2]);
    const failures = lines().filter((line) => line['msg'] === 'event handler failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ level: 'error', subscriber: 'plugin:acme-b', plugin: 'acme', instance: 'acme-b', eventType: 'job.completed', outcome });
    expect(JSON.stringify(failures)).not.toContain('5551234567');
    expect(bus.failureCounts()).toEqual({ 'plugin:acme-b': 2 });
  });

  it('never waits for a hanging handler: logs it after the timeout, and drops deliveries once too many are pending', async () => {
    const { logger, lines } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 20, maxPendingPerSubscription: 2 });
    const seen: number[] = [];
    bus.subscribe('job.completed', () => new Promise<void>(() => undefined), acme);
    bus.subscribe('job.completed', (event) => void seen.push(event.id), { name: 'healthy' });
    for (let i = 0; i < 4; i += 1) bus.emit('job.completed', completed);
    await sleep(150);
    expect(seen).toEqual([1, 2, 3, 4]);
    const outcomes = lines()
      .filter((line) => line['msg'] === 'event handler failed')
      .map((line) => [line['subscriber'], line['outcome']]);
    expect(outcomes.filter(([, outcome]) => outcome === 'dropped')).toEqual([['plugin:acme-b', 'dropped'], ['plugin:acme-b', 'dropped']]);
    expect(outcomes.filter(([, outcome]) => outcome === 'timed out')).toEqual([['plugin:acme-b', 'timed out'], ['plugin:acme-b', 'timed out']]);
    expect(bus.failureCounts()).toEqual({ 'plugin:acme-b': 4 });
  });

  it('stops delivering after unsubscribe, also for events emitted just before', async () => {
    const { logger } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
    const seen: FaxbotEvent[] = [];
    const unsubscribe = bus.subscribe('job.completed', (event) => void seen.push(event), acme);
    bus.emit('job.completed', completed);
    unsubscribe();
    unsubscribe();
    bus.emit('job.completed', completed);
    await settle();
    expect(seen).toEqual([]);
  });

  it('drops PHI-named and nested payload keys, masks numbers in free text, and warns once per key', async () => {
    const { logger, lines } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
    const payload = { jobId: 'j1', providerSid: '123456789', to: '+15551234567', reason: 'busy at 555 123 4567', nested: { a: 1 } };
    const event = bus.publish('acme.sent', payload, 'acme');
    bus.publish('acme.sent', payload, 'acme');
    expect(event?.payload).toEqual({ jobId: 'j1', providerSid: '123456789', reason: 'busy at ***4567' });
    expect(event?.source).toBe('acme');
    const warnings = lines().filter((line) => String(line['msg']).startsWith('event payload keys dropped'));
    expect(warnings).toEqual([expect.objectContaining({ eventType: 'acme.sent', keys: ['to', 'nested'] })]);
  });

  it('keeps recent events for reconnecting clients, up to the history size', () => {
    const { logger } = capture();
    const bus = new EventBus(logger, { handlerTimeoutMs: 1000, historySize: 3 });
    for (let i = 0; i < 5; i += 1) bus.emit('job.queued', { jobId: `j${i}`, backend: 'loopback', reason: 'created' });
    expect(bus.since(0).map((event) => event.id)).toEqual([3, 4, 5]);
    expect(bus.since(4).map((event) => event.id)).toEqual([5]);
  });
});
