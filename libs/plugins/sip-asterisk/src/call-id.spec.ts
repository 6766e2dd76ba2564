import { isSafeJobId, jobIdOfCallId, newCallId } from './call-id';

describe('call ids', () => {
  it('round-trips the job id and differs per call', () => {
    const first = newCallId('6a1f0c-job.1');
    const second = newCallId('6a1f0c-job.1');
    expect(first).toMatch(/^faxbot-6a1f0c-job\.1-[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
    expect(jobIdOfCallId(first)).toBe('6a1f0c-job.1');
  });

  it.each(['1767225600.42', 'fb-1a2b-3', 'faxbot-', 'faxbot-x-XYZ12345'])('finds no job in a foreign id (%j)', (id) => {
    expect(jobIdOfCallId(id)).toBeUndefined();
  });

  it.each([
    ['0123abcdef', true],
    ['conformance-1', true],
    ['job.2_x', true],
    ['a,b', false],
    ['../etc', false],
    ['.hidden', false],
    ['a b', false],
    ['', false],
    ['x'.repeat(101), false],
  ])('isSafeJobId(%j) is %s', (jobId, safe) => {
    expect(isSafeJobId(jobId)).toBe(safe);
  });
});
