import { countPages } from './count-pages';

describe('countPages', () => {
  it.each([
    ['no page objects', '%PDF-1.4\n%%EOF', 1],
    ['one page and its /Pages tree', '<< /Type /Pages /Count 1 >> << /Type /Page >>', 1],
    ['three pages, tight spacing', '/Type/Page /Type /Page\n/Type\n/Page /Type /Pages', 3],
    ['labels and trees only', '/Type /Pages /Type /PageLabel', 1],
  ])('PDF with %s', (_label, text, pages) => {
    expect(countPages('pdf', Buffer.from(text, 'latin1'))).toBe(pages);
  });

  it('scans binary PDF streams without choking', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from('/Type /Page', 'latin1'), Buffer.from([0x80])]);
    expect(countPages('pdf', bytes)).toBe(1);
  });

  it.each([
    ['empty', '', 1],
    ['one line', 'hi', 1],
    ['60 lines', 'x\n'.repeat(60), 1],
    ['61 lines', 'x\n'.repeat(61), 2],
    ['120 CRLF lines', 'x\r\n'.repeat(120), 2],
    ['121 lines, last unterminated', `${'x\n'.repeat(120)}x`, 3],
  ])('text, %s', (_label, text, pages) => {
    expect(countPages('txt', Buffer.from(text, 'utf8'))).toBe(pages);
  });
});
