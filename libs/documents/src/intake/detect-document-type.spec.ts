import { randomBytes } from 'node:crypto';
import { detectDocumentType } from './detect-document-type';

describe('detectDocumentType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'pdf'],
    ['a PDF after leading junk', Buffer.concat([Buffer.alloc(20, 0x20), Buffer.from('%PDF-1.4')]), 'pdf'],
    ['ASCII text', Buffer.from('Hello fax\nSecond line\n'), 'txt'],
    ['UTF-8 text with accents and a BOM', Buffer.from('\ufeffRésumé — 東京\tok\f'), 'txt'],
    ['random binary', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x01]), randomBytes(2048)]), null],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), null],
    ['text with NUL bytes', Buffer.from('abc\u0000def'), null],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28]), null],
    ['an empty file', Buffer.alloc(0), null],
  ])('classifies %s', (_label, content, expected) => {
    expect(detectDocumentType(content)).toBe(expected);
  });

  it('ignores a PDF header that appears late in the file', () => {
    const late = Buffer.concat([Buffer.alloc(2000, 0x61), Buffer.from('%PDF-1.7')]);
    expect(detectDocumentType(late)).toBe('txt');
  });
});
