import { phaxioLineFailureOf, phaxioLineOutcomeOf, PHAXIO_TEST_NUMBERS } from './phaxio-test-numbers';

describe('Phaxio test numbers', () => {
  it.each([
    ['+15555550000', 'delivered'],
    ['+15555550001', 'busy'],
    ['+15555550002', 'noAnswer'],
    ['+15555550003', 'slow'],
    ['+15555550004', 'faxError'],
    ['+15555550005', 'notOperational'],
    ['+4930123456789', 'delivered'],
    ['+1 (212) 555-0001', 'busy'],
  ])('%s is %s', (number, outcome) => {
    expect(phaxioLineOutcomeOf(number)).toBe(outcome);
  });

  it('lists one number per outcome, each giving its own outcome', () => {
    for (const [outcome, number] of Object.entries(PHAXIO_TEST_NUMBERS)) expect(phaxioLineOutcomeOf(number)).toBe(outcome);
  });

  it('fails busy lines with Phaxio lineError 17 and lets delivered and slow lines succeed', () => {
    expect(phaxioLineFailureOf('busy')).toEqual({ error_type: 'lineError', error_id: 17, error_message: 'Busy' });
    expect(phaxioLineFailureOf('delivered')).toBeNull();
    expect(phaxioLineFailureOf('slow')).toBeNull();
  });
});
