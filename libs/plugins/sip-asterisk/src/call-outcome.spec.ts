import { outcomeOfFaxResult, outcomeOfHangup, outcomeOfOriginateFailure, safeWord } from './call-outcome';

describe('call outcomes', () => {
  it.each([
    [{ status: 'SUCCESS', error: '', pages: '3' }, { status: 'SUCCESS', pages: 3 }],
    [{ status: 'success', pages: '' }, { status: 'SUCCESS' }],
    [{ status: 'FAILED', error: 'HANGUP', pages: '0' }, { status: 'FAILED', pages: 0, errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: fax transmission failed (HANGUP)' }],
    [{ status: 'FAILURE', error: 'BUSY' }, { status: 'FAILED', errorCode: 'LINE_BUSY', error: 'asterisk: line busy' }],
    [{ status: 'FAILED', error: 'NOANSWER' }, { status: 'FAILED', errorCode: 'NO_ANSWER', error: 'asterisk: no answer' }],
    [{ status: 'FAILED', error: 'CHANUNAVAIL' }, { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: trunk unavailable' }],
    [{ status: '', error: '' }, { status: 'FAILED', errorCode: 'TRANSMISSION_FAILED', error: 'asterisk: fax transmission failed' }],
  ])('maps FaxResult %j', (fields, outcome) => {
    expect(outcomeOfFaxResult({ event: 'UserEvent', userevent: 'FaxResult', jobid: 'j', ...fields })).toEqual(outcome);
  });

  it.each([
    ['5', 'LINE_BUSY'],
    ['3', 'NO_ANSWER'],
    ['8', 'TRANSMISSION_FAILED'],
    ['0', 'TRANSMISSION_FAILED'],
    ['1', 'TRANSMISSION_FAILED'],
    ['42', 'TRANSMISSION_FAILED'],
  ])('maps OriginateResponse Failure Reason %s to %s', (reason, errorCode) => {
    const outcome = outcomeOfOriginateFailure({ event: 'OriginateResponse', response: 'Failure', reason });
    expect(outcome).toEqual(expect.objectContaining({ status: 'FAILED', pages: 0, errorCode }));
    expect(outcome.error).toMatch(/^asterisk: /);
  });

  it.each([
    ['16', 'Normal Clearing', 'TRANSMISSION_FAILED', 'asterisk: call ended before the fax was sent (cause 16 NORMAL CLEARING)'],
    ['17', 'User busy', 'LINE_BUSY', 'asterisk: call ended before the fax was sent (cause 17 USER BUSY)'],
    ['19', '', 'NO_ANSWER', 'asterisk: call ended before the fax was sent (cause 19)'],
    ['1', 'Unallocated (unassigned) number', 'NUMBER_INVALID', 'asterisk: call ended before the fax was sent (cause 1 UNALLOCATED UNASSIGNED NUMBER)'],
    ['x;rm', '', 'TRANSMISSION_FAILED', 'asterisk: call ended before the fax was sent (cause unknown)'],
  ])('maps Hangup cause %s', (cause, text, errorCode, error) => {
    expect(outcomeOfHangup({ event: 'Hangup', cause, 'cause-txt': text })).toEqual({ status: 'FAILED', pages: 0, errorCode, error });
  });

  it('keeps digits runs and odd characters out of words that reach API clients', () => {
    expect(safeWord('call +1 555 123 4567 failed')).toBe('CALL 1 FAILED');
    expect(safeWord('to 15551234567 at /var/spool/x.tiff')).toBe('TO AT VARSPOOLX.TIFF');
    expect(safeWord('T.30 protocol error')).toBe('T.30 PROTOCOL ERROR');
    expect(safeWord('x'.repeat(100))).toHaveLength(40);
  });
});
