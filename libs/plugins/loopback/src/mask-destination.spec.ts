import { maskDestination } from './mask-destination';

describe('maskDestination', () => {
  it.each([
    ['+15550104321', '***4321'],
    ['+1 (555) 010-4321', '***4321'],
    ['+12', '***12'],
  ])('%s becomes %s', (to, masked) => {
    expect(maskDestination(to)).toBe(masked);
  });
});
