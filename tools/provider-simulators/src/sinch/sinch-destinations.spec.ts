import { isE164, outcomeFor } from './sinch-destinations';

describe('Sinch simulator destinations', () => {
  it.each([
    ['+15550100000', 'delivered', undefined],
    ['+15550100001', 'failed', 'LINE_ERROR'],
    ['+15550100002', 'failed', 'CALL_ERROR'],
    ['+15550100003', 'slow', undefined],
    ['+15550100004', 'failed', 'DOCUMENT_CONVERSION_ERROR'],
    ['+15550100005', 'failed', 'CALL_ERROR'],
    ['+15550109999', 'delivered', undefined],
  ])('%s is %s', (to, kind, errorType) => {
    const outcome = outcomeFor(to);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'failed') expect(outcome.failure.errorType).toBe(errorType);
  });

  it.each([
    ['+15551234567', true],
    ['15551234567', false],
    ['+0555123', false],
    ['+1555', false],
    ['+1 555 123 4567', false],
  ])('isE164(%s) is %s', (number, expected) => {
    expect(isE164(number)).toBe(expected);
  });
});
