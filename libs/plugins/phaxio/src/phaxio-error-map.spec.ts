import { PhaxioCallError, type PhaxioCallFailure, type PhaxioOperation } from './phaxio-call-failure';
import { faxbotErrorFor } from './phaxio-error-map';

const http = (status: number, message: string | null = null): PhaxioCallFailure => ({ kind: 'http', status, message });

describe('faxbotErrorFor', () => {
  it.each([
    ['send', http(500), {}, 'PROVIDER_UNAVAILABLE', true],
    ['send', http(503), {}, 'PROVIDER_UNAVAILABLE', true],
    ['send', http(429), {}, 'PROVIDER_UNAVAILABLE', true],
    ['send', { kind: 'refused' }, {}, 'PROVIDER_UNAVAILABLE', true],
    ['send', http(401), {}, 'PROVIDER_AUTH_FAILED', false],
    ['send', http(403), {}, 'PROVIDER_AUTH_FAILED', false],
    ['send', http(422, 'Phone number is not formatted correctly'), {}, 'NUMBER_INVALID', false],
    ['send', http(422, 'You must provide at least one file'), {}, 'PROVIDER_REJECTED', false],
    ['send', http(402), {}, 'PROVIDER_REJECTED', false],
    ['send', http(404), {}, 'PROVIDER_REJECTED', false],
    ['send', { kind: 'timeout' }, {}, 'PROVIDER_TIMEOUT', false],
    ['send', { kind: 'lost' }, {}, 'PROVIDER_TIMEOUT', false],
    ['send', { kind: 'aborted' }, {}, 'PROVIDER_TIMEOUT', false],
    ['lookup', http(503), {}, 'PROVIDER_UNAVAILABLE', true],
    ['lookup', http(503), { attemptedBefore: true }, 'PROVIDER_TIMEOUT', false],
    ['lookup', { kind: 'refused' }, {}, 'PROVIDER_UNAVAILABLE', true],
    ['lookup', { kind: 'refused' }, { attemptedBefore: true }, 'PROVIDER_TIMEOUT', false],
    ['lookup', { kind: 'timeout' }, {}, 'PROVIDER_TIMEOUT', true],
    ['lookup', http(401), {}, 'PROVIDER_AUTH_FAILED', false],
    ['status', http(404), {}, 'PROVIDER_REJECTED', false],
    ['status', http(401), {}, 'PROVIDER_AUTH_FAILED', true],
    ['status', http(500), {}, 'PROVIDER_UNAVAILABLE', true],
    ['status', http(422), {}, 'PROVIDER_REJECTED', true],
    ['status', { kind: 'timeout' }, {}, 'PROVIDER_TIMEOUT', true],
    ['status', { kind: 'lost' }, {}, 'PROVIDER_UNAVAILABLE', true],
    ['cancel', http(503), {}, 'PROVIDER_UNAVAILABLE', true],
    ['cancel', { kind: 'timeout' }, {}, 'PROVIDER_TIMEOUT', false],
    ['file', http(500), {}, 'PROVIDER_UNAVAILABLE', true],
  ] as Array<[PhaxioOperation, PhaxioCallFailure, { attemptedBefore?: boolean }, string, boolean]>)(
    '%s with %j (%j) → %s, retryable %s',
    (operation, failure, options, code, retryable) => {
      const error = faxbotErrorFor(new PhaxioCallError(operation, failure), options);
      expect({ code: error.code, retryable: error.retryable }).toEqual({ code, retryable });
      expect(error.message).toMatch(/^phaxio: /);
      expect(error.cause).toBeInstanceOf(PhaxioCallError);
    },
  );

  it('never repeats what Phaxio said', () => {
    const error = faxbotErrorFor(new PhaxioCallError('send', http(422, 'Invalid number +15551234567')));
    expect(error.message).not.toContain('5551234567');
  });
});
