import { readPhaxioFax, type PhaxioFax } from './phaxio-fax';
import { isKnownPhaxioStatus, statusOfPhaxioFax } from './phaxio-status';

function fax(fields: Record<string, unknown>): PhaxioFax {
  return readPhaxioFax({ id: 1234, num_pages: 2, ...fields })!;
}

describe('statusOfPhaxioFax', () => {
  it.each([
    ['queued', { status: 'in_progress', pages: 2 }],
    ['pendingbatch', { status: 'in_progress', pages: 2 }],
    ['inprogress', { status: 'in_progress', pages: 2 }],
    ['ringing', { status: 'in_progress', pages: 2 }],
    ['willretry', { status: 'in_progress', pages: 2 }],
    ['success', { status: 'SUCCESS', pages: 2 }],
    ['cancelled', { status: 'cancelled', pages: 2 }],
    ['canceled', { status: 'cancelled', pages: 2 }],
    ['something-new', { status: 'in_progress', pages: 2 }],
  ])('maps %s', (word, expected) => {
    expect(statusOfPhaxioFax(fax({ status: word }))).toEqual(expected);
  });

  it.each([
    ['lineError', 17, 'Busy', 'LINE_BUSY'],
    ['lineError', 112, 'No answer', 'NO_ANSWER'],
    ['lineError', 30, 'No answer from the fax machine.', 'NO_ANSWER'],
    ['lineError', 16, 'Ring Timeout', 'NO_ANSWER'],
    ['lineError', 34, 'Phone number not operational', 'NUMBER_INVALID'],
    ['lineError', 11, 'The call dropped prematurely', 'TRANSMISSION_FAILED'],
    ['lineError', null, 'Busy', 'LINE_BUSY'],
    ['faxError', 8, 'No response after sending a page', 'TRANSMISSION_FAILED'],
    ['documentConversionError', 54, 'Could not access the url you provided. https://x.test/doc?token=SECRET', 'DOCUMENT_UNREADABLE'],
    ['fatalError', 1, 'Fatal', 'TRANSMISSION_FAILED'],
    [null, null, null, 'TRANSMISSION_FAILED'],
  ])('maps failure %s %s (%s) to %s with a reason of our own', (type, id, message, code) => {
    const result = statusOfPhaxioFax(fax({ status: 'failure', error_type: type, error_id: id, error_message: message }));
    expect(result).toEqual({ status: 'FAILED', pages: 2, errorCode: code, error: expect.stringMatching(/^phaxio: /) });
    if (message !== null) expect(result.error).not.toContain(message);
  });

  it('reads the error from the first failed recipient when the fax has none', () => {
    const result = statusOfPhaxioFax(fax({ status: 'failure', recipients: [{ status: 'failure', error_type: 'lineError', error_id: 17, error_message: 'Busy' }] }));
    expect(result.errorCode).toBe('LINE_BUSY');
  });

  it('fails a partial success (some recipients failed) with the first error', () => {
    expect(statusOfPhaxioFax(fax({ status: 'partialsuccess', error_type: 'lineError', error_id: 112 }))).toEqual({
      status: 'FAILED',
      pages: 2,
      errorCode: 'NO_ANSWER',
      error: 'phaxio: some recipients failed: no answer from the fax machine (lineError 112)',
    });
  });

  it('treats a failure Phaxio explains as a cancellation as cancelled', () => {
    expect(statusOfPhaxioFax(fax({ status: 'failure', error_type: 'generalError', error_message: 'Fax cancelled by user' })).status).toBe('cancelled');
  });

  it('leaves pages out when Phaxio reports none', () => {
    expect(statusOfPhaxioFax(fax({ status: 'queued', num_pages: 0 }))).toEqual({ status: 'in_progress' });
  });

  it.each([
    ['success', true],
    ['INPROGRESS', true],
    ['mystery', false],
    [null, false],
  ])('knows %s: %s', (word, known) => {
    expect(isKnownPhaxioStatus(word)).toBe(known);
  });
});

describe('readPhaxioFax', () => {
  it.each([null, 'x', [], {}, { id: 'a b' }, { id: -1.5 }])('refuses %j', (value) => {
    expect(readPhaxioFax(value)).toBeNull();
  });

  it('reads numeric ids as strings and tolerates missing fields', () => {
    expect(readPhaxioFax({ id: 42, num_pages: '3' })).toEqual(expect.objectContaining({ id: '42', numPages: 3, status: null, recipients: [] }));
  });
});
