import { sinchFailure, sinchStatus } from './sinch-status';

describe('sinchStatus', () => {
  it.each([
    [{ id: 'f', status: 'QUEUED' }, { status: 'in_progress', known: true }],
    [{ id: 'f', status: 'IN_PROGRESS', numberOfPages: 2 }, { status: 'in_progress', pages: 2, known: true }],
    [{ id: 'f', status: 'COMPLETED', numberOfPages: 3 }, { status: 'SUCCESS', pages: 3, known: true }],
    [{ id: 'f', status: 'FAILURE', errorType: 'CALL_ERROR', errorCode: 17 }, { status: 'FAILED', errorCode: 'LINE_BUSY', error: 'sinch: the line was busy (CALL_ERROR 17)', known: true }],
    [{ id: 'f', status: 'SENDING' }, { status: 'in_progress', known: false }],
    [{ id: 'f' }, { status: 'in_progress', known: false }],
  ])('maps %j', (fax, expected) => {
    expect(sinchStatus(fax)).toEqual(expected);
  });
});

describe('sinchFailure', () => {
  it.each([
    ['LINE_ERROR', 17, 'LINE_BUSY'],
    ['CALL_ERROR', 16, 'NO_ANSWER'],
    ['CALL_ERROR', 30, 'NO_ANSWER'],
    ['FAX_ERROR', 48, 'NO_ANSWER'],
    ['FAX_ERROR', 132, 'NO_ANSWER'],
    ['CALL_ERROR', 34, 'NUMBER_INVALID'],
    ['CALL_ERROR', 49, 'NUMBER_INVALID'],
    ['FAX_ERROR', 133, 'NUMBER_INVALID'],
    ['DOCUMENT_CONVERSION_ERROR', 133, 'DOCUMENT_UNREADABLE'],
    ['DOCUMENT_CONVERSION_ERROR', '54', 'DOCUMENT_UNREADABLE'],
    ['FAX_ERROR', 46, 'PROVIDER_REJECTED'],
    ['FAX_ERROR', 113, 'DOCUMENT_UNREADABLE'],
    ['CALL_ERROR', 15, 'TRANSMISSION_FAILED'],
    ['LINE_ERROR', 999, 'TRANSMISSION_FAILED'],
    ['FAX_ERROR', 63, 'TRANSMISSION_FAILED'],
    ['GENERAL_ERROR', undefined, 'TRANSMISSION_FAILED'],
    ['FATAL_ERROR', undefined, 'PROVIDER_REJECTED'],
    [undefined, undefined, 'TRANSMISSION_FAILED'],
  ])('maps %s %s to %s', (errorType, errorCode, expected) => {
    expect(sinchFailure({ errorType, errorCode } as never).errorCode).toBe(expected);
  });

  it('never copies free text from Sinch into the reason', () => {
    const { error } = sinchFailure({ errorType: 'call error for +15551234567', errorCode: '+15551234567' });
    expect(error).toBe('sinch: the transmission failed');
  });
});
