import { AmiBlockReader, formatBlock, header, headers } from './ami-wire';

describe('AmiBlockReader', () => {
  it('joins a block split across chunks, even inside a line', () => {
    const reader = new AmiBlockReader();
    expect(reader.push('Action: Pi')).toEqual([]);
    expect(reader.push('ng\r\nActionID: 1\r')).toEqual([]);
    expect(reader.push('\n\r\n')).toEqual([[['Action', 'Ping'], ['ActionID', '1']]]);
  });

  it('returns several blocks from one chunk and accepts bare newlines', () => {
    const reader = new AmiBlockReader();
    expect(reader.push('Action: Ping\n\nAction: Logoff\r\n\r\n')).toEqual([[['Action', 'Ping']], [['Action', 'Logoff']]]);
  });

  it('keeps repeated keys in order and reads them case-insensitively', () => {
    const [block] = new AmiBlockReader().push('Action: Originate\r\nVariable: A=1\r\nvariable: B=2\r\n\r\n');
    expect(headers(block!, 'VARIABLE')).toEqual(['A=1', 'B=2']);
    expect(header(block!, 'action')).toBe('Originate');
  });

  it('decodes a UTF-8 character split between chunks', () => {
    const reader = new AmiBlockReader();
    const bytes = Buffer.from('Action: Ping\r\nNote: é\r\n\r\n', 'utf8');
    const at = bytes.indexOf(0xc3) + 1;
    expect(reader.push(bytes.subarray(0, at))).toEqual([]);
    expect(reader.push(bytes.subarray(at))).toEqual([[['Action', 'Ping'], ['Note', 'é']]]);
  });

  it('refuses a block that never ends', () => {
    expect(() => new AmiBlockReader().push(`Action: ${'x'.repeat(300 * 1024)}`)).toThrow('too long');
  });

  it('formats a block with CRLF and a closing blank line', () => {
    expect(formatBlock([['Response', 'Success'], ['Ping', 'Pong']])).toBe('Response: Success\r\nPing: Pong\r\n\r\n');
  });
});
