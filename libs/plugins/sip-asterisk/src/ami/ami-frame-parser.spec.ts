import { AmiFrameParser, type AmiFrame } from './ami-frame-parser';

const messages = (frames: AmiFrame[]) => frames.flatMap((frame) => (frame.kind === 'message' ? [frame.message] : []));

describe('AmiFrameParser', () => {
  it('reads the greeting line as the banner, then messages', () => {
    const frames = new AmiFrameParser().push('Asterisk Call Manager/5.0.1\r\nResponse: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n');
    expect(frames).toEqual([
      { kind: 'banner', text: 'Asterisk Call Manager/5.0.1' },
      { kind: 'message', message: { response: 'Success', actionid: '1', message: 'Authentication accepted' } },
    ]);
  });

  it('reassembles a message split across chunks at any byte', () => {
    const text = 'Asterisk Call Manager/5.0.1\r\nEvent: UserEvent\r\nUserEvent: FaxResult\r\nJobID: j-1\r\nStatus: SUCCESS\r\n\r\n';
    for (let cut = 1; cut < text.length; cut += 1) {
      const parser = new AmiFrameParser();
      const frames = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(messages(frames)).toEqual([{ event: 'UserEvent', userevent: 'FaxResult', jobid: 'j-1', status: 'SUCCESS' }]);
    }
  });

  it('returns several messages delivered in one chunk, in order', () => {
    const parser = new AmiFrameParser();
    parser.push('Asterisk Call Manager/5.0.1\r\n');
    const frames = parser.push('Response: Success\r\nActionID: a\r\n\r\nEvent: Hangup\r\nCause: 16\r\n\r\nResponse: Error\r\nActionID: b\r\n\r\n');
    expect(messages(frames)).toEqual([
      { response: 'Success', actionid: 'a' },
      { event: 'Hangup', cause: '16' },
      { response: 'Error', actionid: 'b' },
    ]);
  });

  it('lower-cases header names, keeps colons inside values and empty values', () => {
    const [frame] = new AmiFrameParser().push('ActionID: fb:job:1\r\nError: \r\nPages:\r\n\r\n');
    expect(frame).toEqual({ kind: 'message', message: { actionid: 'fb:job:1', error: '', pages: '' } });
  });

  it('accepts bare LF line ends and ignores stray blank lines', () => {
    expect(messages(new AmiFrameParser().push('\n\nEvent: Hangup\n\n\n'))).toEqual([{ event: 'Hangup' }]);
  });

  it('decodes a UTF-8 character split between two chunks', () => {
    const bytes = Buffer.from('Event: UserEvent\r\nNote: Zürich\r\n\r\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    const parser = new AmiFrameParser();
    expect([...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))]).toEqual([
      { kind: 'message', message: { event: 'UserEvent', note: 'Zürich' } },
    ]);
  });

  it('gives up on a line that never ends', () => {
    expect(() => new AmiFrameParser().push('x'.repeat(2 * 1024 * 1024))).toThrow(expect.objectContaining({ kind: 'protocol' }));
  });
});
