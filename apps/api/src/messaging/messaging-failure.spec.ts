import { FaxbotError } from '@faxbot/plugin-sdk';
import { ApiError } from '../errors/api-error';
import { apiErrorFromPlugin, failureFields } from './messaging-failure';

describe('apiErrorFromPlugin', () => {
  it.each([
    [new FaxbotError('NUMBER_INVALID', 'x'), 'VALIDATION_FAILED', 'Message refused by the messaging provider (NUMBER_INVALID)'],
    [new FaxbotError('PROVIDER_REJECTED', 'x'), 'VALIDATION_FAILED', 'Message refused by the messaging provider (PROVIDER_REJECTED)'],
    [new FaxbotError('NOT_SUPPORTED', 'x'), 'BAD_REQUEST', 'The messaging plugin does not support this request'],
    [new FaxbotError('PROVIDER_UNAVAILABLE', 'x', { retryable: true }), 'SERVICE_UNAVAILABLE', 'Messaging provider unavailable'],
    [new FaxbotError('PROVIDER_TIMEOUT', 'x'), 'SERVICE_UNAVAILABLE', 'Messaging provider unavailable'],
    [new Error('getMessage timed out after 15000 ms'), 'SERVICE_UNAVAILABLE', 'Messaging provider unavailable'],
    ['a string', 'SERVICE_UNAVAILABLE', 'Messaging provider unavailable'],
    [new ApiError('NOT_FOUND', 'Message not found'), 'NOT_FOUND', 'Message not found'],
  ])('maps %p to %s', (error, code, detail) => {
    expect(apiErrorFromPlugin(error)).toMatchObject({ code, detail });
  });

  it('uses the route-specific text for NOT_SUPPORTED and never the plugin text', () => {
    const mapped = apiErrorFromPlugin(new FaxbotError('NOT_SUPPORTED', 'cursor for +15551234567'), 'Invalid cursor');
    expect(mapped.detail).toBe('Invalid cursor');
  });

  it('describes a failure by kind and code only', () => {
    expect(failureFields(new FaxbotError('PROVIDER_UNAVAILABLE', 'to +15551234567', { retryable: true }))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(failureFields(new TypeError('text: secret'))).toEqual({ errorName: 'TypeError' });
  });
});
