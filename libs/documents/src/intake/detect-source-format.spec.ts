import { DocumentError } from '../document.error';
import { detectSourceFormat, requireSourceFormat } from './detect-source-format';

describe('detectSourceFormat', () => {
  it.each([
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'jpeg'],
    ['a little-endian TIFF', Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'tiff'],
    ['a big-endian TIFF', Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), 'tiff'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'pdf'],
    ['text', Buffer.from('Hello fax\n'), 'txt'],
    ['a BigTIFF', Buffer.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0]), null],
    ['a GIF', Buffer.from('GIF89a\u0001\u0000'), null],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e]), null],
  ])('classifies %s', (_label, content, expected) => {
    expect(detectSourceFormat(content)).toBe(expected);
  });

  it.each([
    [Buffer.alloc(0), 'EMPTY_DOCUMENT'],
    [Buffer.from([0, 1, 2, 3]), 'UNSUPPORTED_FORMAT'],
  ])('refuses what it cannot classify with a code', (content, code) => {
    expect(() => requireSourceFormat(content)).toThrow(expect.objectContaining({ code }) as DocumentError);
  });
});
