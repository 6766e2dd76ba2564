/**
 * What the loopback line simulates for a destination, chosen by its last four digits so that any
 * environment can reach every outcome with an ordinary-looking E.164 number.
 */
export type DestinationPattern = 'rejected' | 'transient' | 'slow_line' | 'no_answer' | 'busy' | 'deliver';

const BY_SUFFIX: ReadonlyArray<readonly [string, DestinationPattern]> = [
  ['0001', 'rejected'],
  ['0002', 'transient'],
  ['0003', 'slow_line'],
  ['0004', 'no_answer'],
  ['0005', 'busy'],
];

/**
 * Maps a destination to the behaviour the loopback line simulates for it. Only digits count, so
 * `+1 (555) 010-0004` and `+15550100004` behave alike.
 */
export function destinationPatternOf(to: string): DestinationPattern {
  const digits = to.replace(/\D/g, '');
  for (const [suffix, pattern] of BY_SUFFIX) {
    if (digits.endsWith(suffix)) return pattern;
  }
  return 'deliver';
}
