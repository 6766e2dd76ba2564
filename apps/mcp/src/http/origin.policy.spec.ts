import { judgeOrigin } from './origin.policy';

describe('judgeOrigin', () => {
  it.each([
    [undefined, 'none'],
    ['', 'none'],
    ['https://app.example.com', 'allowed'],
    ['https://app.example.com:443', 'refused'],
    ['http://app.example.com', 'refused'],
    ['https://evil.example', 'refused'],
    ['null', 'refused'],
  ])('judges %j as %s', (origin, decision) => {
    expect(judgeOrigin(origin, ['https://app.example.com'])).toBe(decision);
  });
});
