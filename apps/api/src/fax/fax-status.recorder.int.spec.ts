import { createMetricsRegistry } from '@faxbot/metrics';
import { openDatabase, type Database, type FaxJobRecord } from '@faxbot/db';
import { createLogger } from '@faxbot/audit';
import type { FaxStatus, FaxbotEvent, StatusResult } from '@faxbot/plugin-sdk';
import { EventBus } from '../events/event-bus';
import { FaxStatusRecorder } from './fax-status.recorder';

describe('FaxStatusRecorder', () => {
  let db: Database;
  let bus: EventBus;
  let recorder: FaxStatusRecorder;
  let seen: FaxbotEvent[];
  let counter = 0;

  beforeAll(async () => {
    db = await openDatabase({ sqlitePath: ':memory:' });
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => {
    const logger = createLogger({ level: 'silent' });
    bus = new EventBus(logger, { handlerTimeoutMs: 1000 });
    seen = [];
    bus.subscribe('*', (event) => void seen.push(event), { name: 'test' });
    recorder = new FaxStatusRecorder(db, logger, bus, createMetricsRegistry());
  });

  /** A job in `status`, the way the dispatcher leaves it. */
  async function jobIn(status: FaxStatus): Promise<FaxJobRecord> {
    counter += 1;
    const id = `job${String(counter).padStart(29, '0')}`;
    const job = await db.jobs.insert({ id, toNumber: '+15551234567', fileName: 'a.txt', documentKey: `k${counter}`, documentType: 'txt', sizeBytes: 3, backend: 'acme' });
    if (status === 'queued') return job;
    await db.jobs.transition(id, { from: ['queued'], to: 'in_progress', providerSid: `sid-${counter}` });
    if (status !== 'in_progress') await db.jobs.transition(id, { from: ['in_progress'], to: status, pages: 1 });
    return (await db.jobs.findById(id)) as FaxJobRecord;
  }

  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it.each<[FaxStatus, StatusResult, 'final' | 'in_progress', FaxStatus, string[]]>([
    ['queued', { status: 'in_progress', pages: 1 }, 'in_progress', 'in_progress', ['fax.status_changed']],
    ['in_progress', { status: 'in_progress', pages: 3 }, 'in_progress', 'in_progress', []],
    ['in_progress', { status: 'SUCCESS', pages: 2 }, 'final', 'SUCCESS', ['fax.status_changed', 'job.completed']],
    ['queued', { status: 'FAILED' }, 'final', 'FAILED', ['fax.status_changed', 'job.failed']],
    ['in_progress', { status: 'cancelled' }, 'final', 'cancelled', ['fax.status_changed', 'job.cancelled']],
    ['SUCCESS', { status: 'in_progress', pages: 9 }, 'final', 'SUCCESS', []],
    ['SUCCESS', { status: 'FAILED', errorCode: 'LINE_BUSY' }, 'final', 'SUCCESS', []],
    ['FAILED', { status: 'SUCCESS' }, 'final', 'FAILED', []],
  ])('a %s job told %j: %s, ends %s, emits %j', async (from, report, outcome, to, events) => {
    const job = await jobIn(from);
    expect(await recorder.record(job, 'sid-x', report, 'webhook')).toBe(outcome);
    expect((await db.jobs.findById(job.id))?.status).toBe(to);
    await settle();
    expect(seen.map((event) => event.type)).toEqual(events);
    if (events.includes('fax.status_changed')) expect(seen[0]?.payload).toMatchObject({ jobId: job.id, backend: 'acme', status: to, source: 'webhook' });
  });

  it('defaults a failure code and scrubs the provider error text; a duplicate report changes nothing', async () => {
    const job = await jobIn('in_progress');
    await recorder.record(job, 'sid-x', { status: 'FAILED', error: 'busy at +15551234567' }, 'poll');
    await recorder.record(job, 'sid-x', { status: 'FAILED', error: 'busy at +15551234567' }, 'poll');
    expect(await db.jobs.findById(job.id)).toMatchObject({ status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'busy at ***4567' });
    await settle();
    expect(seen.map((event) => event.type)).toEqual(['fax.status_changed', 'job.failed']);
    expect(seen[1]?.payload).toEqual({ jobId: job.id, backend: 'acme', status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', pages: null });
  });

  it('lets exactly one of the worker claim and a queued cancel win, and emits only for the winner', async () => {
    const claimedFirst = await jobIn('queued');
    expect(await recorder.startSending(claimedFirst)).toMatchObject({ status: 'in_progress', providerSid: null });
    expect(await recorder.cancelQueued(claimedFirst, 'api')).toBeNull();
    const cancelledFirst = await jobIn('queued');
    expect(await recorder.cancelQueued(cancelledFirst, 'api')).toMatchObject({ status: 'cancelled', completedAt: expect.any(Date) });
    expect(await recorder.startSending(cancelledFirst)).toBeNull();
    await settle();
    expect(seen.map((event) => [event.type, (event.payload as { jobId: string }).jobId])).toEqual([
      ['fax.status_changed', claimedFirst.id],
      ['fax.status_changed', cancelledFirst.id],
      ['job.cancelled', cancelledFirst.id],
    ]);
    expect(seen[1]?.payload).toMatchObject({ status: 'cancelled', source: 'api' });
  });

  it('puts a job the provider did not take back in the queue, and only one in progress', async () => {
    const job = await jobIn('queued');
    const sending = (await recorder.startSending(job))!;
    expect(await recorder.requeue(sending, { errorCode: 'PROVIDER_UNAVAILABLE', error: 'down' })).toMatchObject({ status: 'queued', errorCode: 'PROVIDER_UNAVAILABLE', completedAt: null });
    expect(await recorder.requeue(sending, { errorCode: 'PROVIDER_UNAVAILABLE', error: 'down' })).toBeNull();
    expect(await recorder.requeue(await jobIn('SUCCESS'), { errorCode: 'X', error: 'x' })).toBeNull();
  });

  it('stores the provider id the send answered with for a job the worker already moved to in_progress', async () => {
    const sending = (await recorder.startSending(await jobIn('queued')))!;
    expect(await recorder.record(sending, 'sid-answer', { status: 'in_progress', pages: 4 }, 'send')).toBe('in_progress');
    expect(await db.jobs.findById(sending.id)).toMatchObject({ status: 'in_progress', providerSid: 'sid-answer', pages: 4 });
    // A job that has its provider id keeps it.
    const known = (await db.jobs.findById(sending.id))!;
    await recorder.record(known, 'sid-other', { status: 'in_progress' }, 'webhook');
    expect((await db.jobs.findById(sending.id))?.providerSid).toBe('sid-answer');
  });
});
