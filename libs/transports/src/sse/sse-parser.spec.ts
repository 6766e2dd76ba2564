import type { ServerSentEvent } from '@faxbot/plugin-sdk';
import { SseParser } from './sse-parser';

function parse(chunks: string[], lastEventId = ''): { events: ServerSentEvent[]; parser: SseParser } {
  const events: ServerSentEvent[] = [];
  const parser = new SseParser((event) => events.push(event), lastEventId);
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

describe('SseParser', () => {
  it('joins multi-line data with newlines and names the event', () => {
    expect(parse(['id: 7\nevent: status\ndata: first\ndata: second\ndata:\n\n']).events).toEqual([{ event: 'status', data: 'first\nsecond\n', id: '7' }]);
  });

  it.each([
    ['LF', 'data: a\n\ndata: b\n\n'],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n'],
    ['CR', 'data: a\r\rdata: b\r\r'],
  ])('splits lines ending in %s', (_name, text) => {
    expect(parse([text]).events.map((event) => event.data)).toEqual(['a', 'b']);
  });

  it('handles lines and CRLF pairs split across chunks', () => {
    const { events } = parse(['da', 'ta: he', 'llo\r', '\ndata: world\r', '\n\r', '\n']);
    expect(events).toEqual([{ event: 'message', data: 'hello\nworld', id: '' }]);
  });

  it('ignores comments, unknown fields, and a BOM at the start', () => {
    const { events } = parse(['\uFEFF: keep-alive\nfoo: bar\ndata:no space\ndata:  two spaces\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'no space\n two spaces', id: '' }]);
  });

  it('keeps the last event id across events, ignores ids containing NUL, and lets an id-only block update it', () => {
    const { events, parser } = parse(['id: 1\ndata: a\n\ndata: b\n\nid: bad\0id\ndata: c\n\nid: 9\n\n']);
    expect(events.map((event) => event.id)).toEqual(['1', '1', '1']);
    expect(parser.lastEventId).toBe('9');
  });

  it('takes a field without a colon as an empty value', () => {
    expect(parse(['data\ndata\n\n']).events).toEqual([{ event: 'message', data: '\n', id: '' }]);
  });

  it('does not dispatch a block without data, nor an unfinished event', () => {
    const { events, parser } = parse(['event: ping\n\ndata: half']);
    expect(events).toEqual([]);
    parser.reset();
    parser.push('data: whole\n\n');
    expect(events).toEqual([{ event: 'message', data: 'whole', id: '' }]);
  });

  it('reads retry only when it is all digits', () => {
    expect(parse(['retry: 2500\n\n']).parser.retryMs).toBe(2500);
    expect(parse(['retry: 2.5\n\nretry: soon\n\n']).parser.retryMs).toBeNull();
  });

  it('starts from a given last event id', () => {
    expect(parse(['data: x\n\n'], '41').events[0]?.id).toBe('41');
  });
});
