import { decodeBase64Document, maxBase64Length } from './base64.source';
import { ToolError } from '../tools/tool-error';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    return (error as ToolError).code;
  }
  return 'ok';
}

describe('decodeBase64Document', () => {
  const pdf = Buffer.from('%PDF-1.4 tiny');

  it('decodes plain base64, base64 with line breaks and a data: URI', () => {
    const plain = pdf.toString('base64');
    const wrapped = plain.replace(/(.{8})/g, '$1\r\n');
    for (const content of [plain, wrapped, `data:application/pdf;base64,${plain}`]) {
      expect(decodeBase64Document(content, 'letter.pdf', 100)).toEqual({ bytes: pdf, fileName: 'letter.pdf' });
    }
  });

  it('keeps only the last segment of a file name, without control characters', () => {
    expect(decodeBase64Document('aGk=', '../../etc/\u0000pass"wd', 10).fileName).toBe('passwd');
    expect(decodeBase64Document('aGk=', '..', 10).fileName).toBe('document');
  });

  it('computes the base64 length of a byte limit', () => {
    expect([maxBase64Length(1), maxBase64Length(3), maxBase64Length(4), maxBase64Length(10 * 1024 * 1024)]).toEqual([4, 4, 8, 13981016]);
  });

  it.each([
    ['exactly the limit', Buffer.alloc(30).toString('base64'), 30, 'ok'],
    ['one byte over the limit', Buffer.alloc(31).toString('base64'), 30, 'TOO_LARGE'],
    ['far over the limit, invalid characters (length is checked first)', '*'.repeat(10_000), 30, 'TOO_LARGE'],
    ['invalid characters within the limit', 'aGk*', 30, 'INVALID_INPUT'],
    ['an impossible length', 'aGk=a', 30, 'INVALID_INPUT'],
    ['padding in the middle', 'aG=k', 30, 'INVALID_INPUT'],
    ['only whitespace', ' \n ', 30, 'INVALID_INPUT'],
  ])('%s → %s', (_label, content, maxBytes, code) => {
    expect(codeOf(() => decodeBase64Document(content, 'a.pdf', maxBytes))).toBe(code);
  });
});
