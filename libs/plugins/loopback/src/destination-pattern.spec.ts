import { destinationPatternOf } from './destination-pattern';

describe('destinationPatternOf', () => {
  it.each([
    ['+15550100001', 'rejected'],
    ['+15550100002', 'transient'],
    ['+15550100003', 'slow_line'],
    ['+15550100004', 'no_answer'],
    ['+15550100005', 'busy'],
    ['+15550100006', 'deliver'],
    ['+15550100010', 'deliver'],
    ['+4930900001', 'rejected'],
    ['+1 (555) 010-0004', 'no_answer'],
  ])('%s is %s', (to, pattern) => {
    expect(destinationPatternOf(to)).toBe(pattern);
  });
});
