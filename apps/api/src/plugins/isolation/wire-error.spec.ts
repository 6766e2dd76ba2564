import { FaxbotError } from '@faxbot/plugin-sdk';
import { fromWireError, toWireError } from './wire-error';

describe('wire errors', () => {
  it.each([
    ['a retryable FaxbotError', new FaxbotError('LINE_BUSY', 'busy', { retryable: true }), { code: 'LINE_BUSY', retryable: true }],
    ['a permanent FaxbotError', new FaxbotError('NUMBER_INVALID', 'bad number'), { code: 'NUMBER_INVALID', retryable: false }],
  ])('rebuilds %s as a real FaxbotError', (_label, thrown, expected) => {
    const rebuilt = fromWireError(structuredClone(toWireError(thrown)));
    expect(FaxbotError.is(rebuilt)).toBe(true);
    expect(rebuilt).toBeInstanceOf(FaxbotError);
    expect(rebuilt).toMatchObject({ ...expected, message: thrown.message });
  });

  it.each([
    ['a TypeError', new TypeError('oops'), 'TypeError', 'oops'],
    ['a string', 'just text', 'Error', 'just text'],
    ['an error-like object', { name: 'AxiosError', message: 'socket hang up' }, 'AxiosError', 'socket hang up'],
    ['null', null, 'Error', 'null'],
  ])('rebuilds %s as a plain Error (outcome unknown)', (_label, thrown, name, message) => {
    const rebuilt = fromWireError(structuredClone(toWireError(thrown)));
    expect(FaxbotError.is(rebuilt)).toBe(false);
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt).toMatchObject({ name, message });
  });

  it('keeps only name, message, code and retryable', () => {
    const wire = toWireError(new FaxbotError('PROVIDER_REJECTED', 'no', { cause: new Error('secret detail') }));
    expect(wire).toEqual({ name: 'FaxbotError', message: 'no', code: 'PROVIDER_REJECTED', retryable: false, isFaxbotError: true });
  });
});
