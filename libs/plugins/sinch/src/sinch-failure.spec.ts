import { sinchResponseError, sinchTokenError, sinchTransportError, type SinchOperation } from './sinch-failure';
import { SinchTransportError, type SinchTransportFailure } from './sinch-http';

const violation = (field: string) => Buffer.from(JSON.stringify({ error: { code: 400, details: [{ fieldViolations: [{ field, description: 'bad +15551234567' }] }] } }));

describe('sinch failure mapping', () => {
  it.each<[SinchOperation, number, Buffer, string, boolean]>([
    ['send', 500, Buffer.alloc(0), 'PROVIDER_UNAVAILABLE', true],
    ['send', 503, Buffer.alloc(0), 'PROVIDER_UNAVAILABLE', true],
    ['send', 429, Buffer.alloc(0), 'PROVIDER_UNAVAILABLE', true],
    ['send', 401, Buffer.alloc(0), 'PROVIDER_AUTH_FAILED', false],
    ['send', 403, Buffer.alloc(0), 'PROVIDER_AUTH_FAILED', false],
    ['send', 400, violation('to'), 'NUMBER_INVALID', false],
    ['send', 400, violation('file'), 'PROVIDER_REJECTED', false],
    ['send', 413, Buffer.alloc(0), 'PROVIDER_REJECTED', false],
    ['lookup', 404, Buffer.alloc(0), 'PROVIDER_REJECTED', false],
    ['lookup', 401, Buffer.alloc(0), 'PROVIDER_AUTH_FAILED', true],
    ['lookup', 500, Buffer.alloc(0), 'PROVIDER_UNAVAILABLE', true],
    ['lookup', 400, Buffer.alloc(0), 'PROVIDER_UNAVAILABLE', true],
  ])('%s answered %i → %s (retryable %s)', (operation, status, body, code, retryable) => {
    const error = sinchResponseError(operation, status, body);
    expect([error.code, error.retryable]).toEqual([code, retryable]);
    expect(error.message).not.toContain('5551234567');
  });

  it.each<[SinchOperation, SinchTransportFailure, string, boolean]>([
    ['send', 'unreachable', 'PROVIDER_UNAVAILABLE', true],
    ['send', 'not_started', 'PROVIDER_UNAVAILABLE', true],
    ['send', 'timeout', 'PROVIDER_TIMEOUT', false],
    ['send', 'aborted', 'PROVIDER_TIMEOUT', false],
    ['send', 'interrupted', 'PROVIDER_TIMEOUT', false],
    ['lookup', 'timeout', 'PROVIDER_UNAVAILABLE', true],
    ['lookup', 'interrupted', 'PROVIDER_UNAVAILABLE', true],
  ])('%s without an answer (%s) → %s (retryable %s)', (operation, failure, code, retryable) => {
    const error = sinchTransportError(operation, new SinchTransportError(failure, 'ECONNRESET'));
    expect([error.code, error.retryable]).toEqual([code, retryable]);
  });

  it.each<[SinchOperation, number | null, string, boolean]>([
    ['send', 401, 'PROVIDER_AUTH_FAILED', false],
    ['lookup', 401, 'PROVIDER_AUTH_FAILED', true],
    ['send', null, 'PROVIDER_UNAVAILABLE', true],
  ])('a token failure during %s (refused %s) → %s (retryable %s)', (operation, refused, code, retryable) => {
    const error = sinchTokenError(operation, refused, 'timeout');
    expect([error.code, error.retryable]).toEqual([code, retryable]);
  });
});
