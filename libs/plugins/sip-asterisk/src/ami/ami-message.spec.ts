import { isResponse, isSuccess, serializeAction } from './ami-message';

describe('AMI messages', () => {
  it('serialises an action with CRLF lines, repeated headers and a closing blank line', () => {
    expect(serializeAction([['Action', 'Originate'], ['Variable', 'A=1'], ['Variable', 'B=2']])).toBe(
      'Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n',
    );
  });

  it.each([['a\r\nAction: Command'], ['a\nb'], ['a\0b']])('refuses a value that would break the framing (%j)', (value) => {
    expect(() => serializeAction([['Variable', value]])).toThrow('line break');
  });

  it('refuses a header name with spaces or colons', () => {
    expect(() => serializeAction([['Bad Name', 'x']])).toThrow('not allowed');
  });

  it('tells responses from events, even OriginateResponse which carries a Response header', () => {
    expect(isResponse({ response: 'Success', actionid: '1' })).toBe(true);
    expect(isResponse({ event: 'OriginateResponse', response: 'Failure' })).toBe(false);
    expect(isSuccess({ response: 'success' })).toBe(true);
    expect(isSuccess({ response: 'Error' })).toBe(false);
  });
});
