import { FaxbotError } from './faxbot-error';

describe('FaxbotError', () => {
  it('carries code, retryable flag and cause', () => {
    const cause = new Error('socket hang up');
    const error = new FaxbotError('PROVIDER_UNAVAILABLE', 'provider down', { retryable: true, cause });
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('defaults to not retryable', () => {
    expect(new FaxbotError('PROVIDER_REJECTED', 'no').retryable).toBe(false);
  });

  it('is recognised by brand, also for a copy from another SDK instance', () => {
    const foreign = Object.assign(new Error('x'), { code: 'LINE_BUSY' });
    Object.defineProperty(foreign, Symbol.for('faxbot.FaxbotError'), { value: true });
    expect(FaxbotError.is(new FaxbotError('LINE_BUSY', 'busy'))).toBe(true);
    expect(FaxbotError.is(foreign)).toBe(true);
    expect(FaxbotError.is(new Error('plain'))).toBe(false);
    expect(FaxbotError.is(null)).toBe(false);
  });
});
