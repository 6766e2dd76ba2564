import { constantTimeEqual } from './constant-time-equal';

describe('constantTimeEqual', () => {
  it.each([
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'a-much-longer-secret', false],
    ['', '', true],
    ['', 'x', false],
  ])('%j vs %j → %s', (presented, expected, equal) => {
    expect(constantTimeEqual(presented, expected)).toBe(equal);
  });
});
