import type { AcceptanceRecord } from './acceptance-record';
import type { DestinationPattern } from './destination-pattern';
import { statusOfRecord } from './status-of-record';

function record(pattern: DestinationPattern, extra: Partial<AcceptanceRecord> = {}): AcceptanceRecord {
  return {
    version: 1,
    providerSid: 'lb_ba7816bf8f01cfea414140de',
    jobId: 'job-1',
    idempotencyKey: 'job-1:a',
    acceptedAt: 1_000,
    pattern,
    destination: '***1234',
    document: { type: 'pdf', sizeBytes: 10, pages: 4, file: 'lb_ba7816bf8f01cfea414140de.pdf' },
    ...extra,
  };
}

describe('statusOfRecord', () => {
  it.each<[DestinationPattern, number, object]>([
    ['deliver', 1_099, { status: 'in_progress' }],
    ['deliver', 1_100, { status: 'SUCCESS', pages: 4 }],
    ['slow_line', 1_100, { status: 'SUCCESS', pages: 4 }],
    ['transient', 1_100, { status: 'SUCCESS', pages: 4 }],
    ['no_answer', 1_099, { status: 'in_progress' }],
    ['no_answer', 1_100, { status: 'FAILED', errorCode: 'NO_ANSWER', error: expect.any(String) }],
    ['busy', 5_000, { status: 'FAILED', errorCode: 'LINE_BUSY', error: expect.any(String) }],
  ])('%s at %d ms is %j', (pattern, now, expected) => {
    expect(statusOfRecord(record(pattern), 100, now)).toEqual(expected);
  });

  it('keeps a cancelled fax cancelled', () => {
    expect(statusOfRecord(record('deliver', { cancelledAt: 1_050 }), 100, 9_999)).toEqual({ status: 'cancelled' });
  });
});
