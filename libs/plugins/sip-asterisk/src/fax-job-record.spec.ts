import { finish, liveCall, mayBeLive, statusOf, type FaxCall, type FaxJobRecord } from './fax-job-record';

const limits = { settleMs: 1000, resultTimeoutMs: 10_000 };

function call(overrides: Partial<FaxCall> = {}): FaxCall {
  return { callId: 'faxbot-j-00000001', idempotencyKey: 'j-1', faxFile: '/fax/j-j-1.tiff', sentAt: 0, ack: 'queued', seen: false, ...overrides };
}

function record(calls: FaxCall[], overrides: Partial<FaxJobRecord> = {}): FaxJobRecord {
  return { version: 1, jobId: 'j', destination: '***0101', documentPages: 2, calls, status: 'in_progress', updatedAt: 0, ...overrides };
}

describe('fax job records', () => {
  it('takes the last call Asterisk did not refuse as the live one', () => {
    const refused = call({ callId: 'faxbot-j-00000002', ack: 'refused' });
    expect(liveCall(record([call(), refused]))?.callId).toBe('faxbot-j-00000001');
    expect(liveCall(record([refused]))).toBeUndefined();
  });

  it.each([
    ['a queued call', call(), 5000, true],
    ['a refused call', call({ ack: 'refused' }), 0, false],
    ['an unconfirmed call within the settle time', call({ ack: 'unconfirmed' }), 999, true],
    ['an unconfirmed call after the settle time', call({ ack: 'unconfirmed' }), 1000, false],
    ['an unconfirmed call Asterisk reported on', call({ ack: 'unconfirmed', seen: true }), 50_000, true],
  ])('says whether %s may be live', (_name, candidate, now, live) => {
    expect(mayBeLive(candidate, now, limits)).toBe(live);
  });

  it.each([
    ['in progress, with the document pages', record([call()]), 9999, { status: 'in_progress', pages: 2 }],
    ['failed with PROVIDER_TIMEOUT when no result came in time', record([call()]), 10_000, { status: 'FAILED', pages: 0, errorCode: 'PROVIDER_TIMEOUT', error: 'asterisk: no fax result within the result timeout' }],
    ['failed with PROVIDER_TIMEOUT when an unanswered Originate never showed up', record([call({ ack: 'unconfirmed' })]), 1000, { status: 'FAILED', pages: 0, errorCode: 'PROVIDER_TIMEOUT', error: 'asterisk: the call was never confirmed by Asterisk' }],
    ['in progress while an unanswered Originate may still show up', record([call({ ack: 'unconfirmed' })]), 999, { status: 'in_progress', pages: 2 }],
    ['the stored final status', record([call()], { status: 'FAILED', pages: 0, errorCode: 'LINE_BUSY', error: 'asterisk: line busy' }), 0, { status: 'FAILED', pages: 0, errorCode: 'LINE_BUSY', error: 'asterisk: line busy' }],
  ])('reports %s', (_name, stored, now, status) => {
    expect(statusOf(stored, now, limits)).toEqual(status);
  });

  it('finishes once: a later outcome changes nothing', () => {
    const done = finish(record([call()]), { status: 'SUCCESS' }, 5);
    expect(done).toEqual(expect.objectContaining({ status: 'SUCCESS', pages: 2, updatedAt: 5 }));
    expect(finish(done, { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'late' }, 6)).toBe(done);
    expect(finish(record([call()]), { status: 'cancelled' }, 7)).toEqual(expect.objectContaining({ status: 'cancelled', pages: 0, error: 'asterisk: cancelled' }));
  });
});
